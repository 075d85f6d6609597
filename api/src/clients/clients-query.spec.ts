import { buildClientListQuery, likePattern, ORDER_BY } from './clients-query';

describe('client list query', () => {
  it('escapes LIKE wildcards so a search for 100% finds the text "100%"', () => {
    expect(likePattern('100%_\\')).toBe('%100\\%\\_\\\\%');
    expect(likePattern("O'Brien")).toBe("%O'Brien%");
  });

  it('passes every value as a parameter, never in the SQL text', () => {
    const { page, count } = buildClientListQuery({
      clinicId: 'clinic-1',
      therapistId: 'therapist-1',
      status: 'active',
      q: "'; drop table clients;--",
      sort: '-name',
      page: 3,
      pageSize: 25,
    });
    const [sql, params] = page;
    expect(sql).not.toContain('drop table');
    expect(params).toEqual([
      'clinic-1',
      'therapist-1',
      'active',
      "%'; drop table clients;--%",
      25,
      50,
    ]);
    expect(sql).toContain(ORDER_BY['-name']);
    expect(count[1]).toEqual(['clinic-1', 'therapist-1', 'active', "%'; drop table clients;--%"]);
  });

  it('confines every query to the clinic', () => {
    const { page, count } = buildClientListQuery({
      clinicId: 'c',
      sort: 'name',
      page: 1,
      pageSize: 10,
    });
    expect(page[0]).toContain('c.clinic_id = $1');
    expect(count[0]).toContain('c.clinic_id = $1');
  });
});
