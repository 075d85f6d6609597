import { TestBed } from '@angular/core/testing';
import { PASSWORD_MIN_LENGTH } from '@cairn/contracts';
import { NewPasswordFormComponent } from './new-password-form.component';

describe('NewPasswordFormComponent', () => {
  async function setUp() {
    const fixture = TestBed.createComponent(NewPasswordFormComponent);
    fixture.componentRef.setInput('submitLabel', 'Set new password');
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const chosen: string[] = [];
    fixture.componentInstance.chosen.subscribe((password) => chosen.push(password));
    const type = (name: string, value: string) => {
      const input = element.querySelector<HTMLInputElement>(`input[formcontrolname="${name}"]`);
      if (!input) throw new Error(`no ${name} field`);
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    const submit = async () => {
      element.querySelector('form')?.dispatchEvent(new Event('submit'));
      fixture.detectChanges();
      await fixture.whenStable();
    };
    return { element, chosen, type, submit };
  }

  it('hands over the password once both fields agree', async () => {
    const { chosen, type, submit } = await setUp();
    type('password', 'a long new passphrase');
    type('confirm', 'a long new passphrase');
    await submit();
    expect(chosen).toEqual(['a long new passphrase']);
  });

  it('names the problem and hands over nothing when the two differ or it is too short', async () => {
    const { element, chosen, type, submit } = await setUp();
    type('password', 'a long new passphrase');
    type('confirm', 'a long new passphrasf');
    await submit();
    expect(element.textContent).toContain('The two passwords differ.');
    type('password', 'short');
    type('confirm', 'short');
    await submit();
    expect(element.textContent).toContain(`Use at least ${PASSWORD_MIN_LENGTH} characters.`);
    expect(chosen).toEqual([]);
  });
});
