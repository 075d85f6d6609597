import { TestBed } from '@angular/core/testing';
import { ClientFormComponent, type ClientFormValue } from './client-form.component';

describe('ClientFormComponent', () => {
  async function render(initial: object | null = null) {
    TestBed.configureTestingModule({ imports: [ClientFormComponent] });
    const fixture = TestBed.createComponent(ClientFormComponent);
    fixture.componentRef.setInput('initial', initial);
    const emitted: ClientFormValue[] = [];
    fixture.componentInstance.saved.subscribe((value) => emitted.push(value));
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const type = (name: string, value: string) => {
      const input = element.querySelector<HTMLInputElement>(`[formcontrolname="${name}"]`);
      if (!input) throw new Error(`no ${name}`);
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    const submit = async () => {
      element.querySelector('form')?.dispatchEvent(new Event('submit'));
      await fixture.whenStable();
    };
    return { element, type, submit, emitted };
  }

  it('sends blank fields as null, trims text, and groups the emergency contact', async () => {
    const { type, submit, emitted } = await render();
    type('legalName', "  Liam O'Brien ");
    type('preferredName', '   ');
    type('emergencyName', 'Róisín');
    type('emergencyPhone', '+353 1 555 0101');
    await submit();
    expect(emitted).toHaveLength(1);
    expect(emitted[0]).toMatchObject({
      legalName: "Liam O'Brien",
      preferredName: null,
      email: null,
      emergencyContact: { name: 'Róisín', relationship: null, phone: '+353 1 555 0101' },
      status: 'prospect',
      primaryTherapistId: null,
    });
  });

  it('does not send a form without a legal name or with a malformed email', async () => {
    const { type, submit, emitted, element } = await render();
    type('email', 'not-an-email');
    await submit();
    expect(emitted).toHaveLength(0);
    expect(element.textContent).toContain("Enter the client's legal name.");
    expect(element.textContent).toContain('Enter an email address');
  });

  it('fills in an existing file for editing', async () => {
    const { element } = await render({
      legalName: 'Zoë Lambert',
      pronouns: 'she/they',
      status: 'active',
    });
    const value = (name: string) =>
      element.querySelector<HTMLInputElement>(`[formcontrolname="${name}"]`)?.value;
    expect(value('legalName')).toBe('Zoë Lambert');
    expect(value('pronouns')).toBe('she/they');
  });
});
