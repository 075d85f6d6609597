import { HttpErrorResponse } from '@angular/common/http';
import type { NoteDetail, SaveNoteRequest } from '@cairn/contracts';
import { NoteAutosave } from './note-autosave';

/** HttpClient fails with an HttpErrorResponse, which is not an Error: so does the fake. */
const failWith = (response: HttpErrorResponse): Promise<NoteDetail> =>
  // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors
  Promise.reject(response);

const detail = (version: number, text = ''): NoteDetail =>
  ({ version, content: { subjective: text } }) as unknown as NoteDetail;

describe('NoteAutosave', () => {
  let text: string;
  let sent: SaveNoteRequest[];
  let respond: (request: SaveNoteRequest) => Promise<NoteDetail>;

  function saver(): NoteAutosave {
    return new NoteAutosave(
      1,
      () => ({
        sessionAt: '2026-11-20T21:00:00.000Z',
        durationMinutes: 53,
        serviceType: 'individual_60',
        content: { subjective: text },
      }),
      (request) => {
        sent.push(request);
        return respond(request);
      },
      () => undefined,
      1000,
    );
  }

  beforeEach(() => {
    jest.useFakeTimers();
    text = '';
    sent = [];
    respond = (request) => Promise.resolve(detail(request.version + 1, text));
  });
  afterEach(() => jest.useRealTimers());

  it('waits for a pause in typing, then saves once with the version it holds', async () => {
    const autosave = saver();
    text = 'S';
    autosave.changed();
    text = 'Slept';
    autosave.changed();
    expect(autosave.state()).toBe('unsaved');
    await jest.advanceTimersByTimeAsync(999);
    expect(sent).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(sent.map((request) => [request.version, request.content])).toEqual([
      [1, { subjective: 'Slept' }],
    ]);
    expect(autosave.state()).toBe('saved');
    expect(autosave.currentVersion).toBe(2);
  });

  it('never sends two saves at once: an edit during a save is saved after it, on the new version', async () => {
    const autosave = saver();
    let release: () => void = () => undefined;
    respond = (request) =>
      new Promise((resolve) => {
        release = () => resolve(detail(request.version + 1));
      });
    text = 'first';
    autosave.changed();
    const first = autosave.flush();
    text = 'second';
    autosave.changed();
    const second = autosave.flush();
    expect(sent).toHaveLength(1);
    expect(autosave.state()).toBe('saving');
    release();
    await jest.advanceTimersByTimeAsync(0);
    expect(sent).toHaveLength(2);
    release();
    await Promise.all([first, second]);
    expect(sent.map((request) => [request.version, request.content['subjective']])).toEqual([
      [1, 'first'],
      [2, 'second'],
    ]);
    expect(autosave.state()).toBe('saved');
  });

  it('an edit made while a save travels is saved by its own timer, not forgotten', async () => {
    const autosave = saver();
    text = 'before';
    autosave.changed();
    await jest.advanceTimersByTimeAsync(1000);
    text = 'during';
    autosave.changed();
    await jest.advanceTimersByTimeAsync(0);
    expect(autosave.state()).toBe('unsaved');
    await jest.advanceTimersByTimeAsync(1000);
    expect(sent.map((request) => request.content['subjective'])).toEqual(['before', 'during']);
    expect(autosave.state()).toBe('saved');
  });

  it('stops on a conflict, keeps the newer copy, and saves nothing until it is adopted', async () => {
    const autosave = saver();
    const newer = detail(5, 'from the other tab');
    respond = () =>
      failWith(
        new HttpErrorResponse({
          status: 409,
          error: { statusCode: 409, message: 'This note was saved elsewhere.', current: newer },
        }),
      );
    text = 'mine';
    autosave.changed();
    await autosave.flush();
    expect(autosave.state()).toBe('conflict');
    expect(autosave.newer()).toBe(newer);
    expect(autosave.problem()).toBe('This note was saved elsewhere.');

    autosave.changed();
    await jest.advanceTimersByTimeAsync(2000);
    expect(sent).toHaveLength(1);

    respond = (request) => Promise.resolve(detail(request.version + 1));
    autosave.adopt(newer);
    autosave.changed();
    await autosave.flush();
    expect(sent.at(-1)?.version).toBe(5);
    expect(autosave.state()).toBe('saved');
  });

  it('keeps the text and says so when a save fails for another reason', async () => {
    const autosave = saver();
    respond = () => failWith(new HttpErrorResponse({ status: 0 }));
    text = 'offline words';
    autosave.changed();
    await autosave.flush();
    expect(autosave.state()).toBe('error');
    expect(autosave.problem()).toContain('cannot be reached');
  });
});
