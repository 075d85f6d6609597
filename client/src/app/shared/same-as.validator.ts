import type { AbstractControl, ValidatorFn } from '@angular/forms';

/** "Type it again": the control must equal its sibling `field` (e.g. a new password). */
export function sameAs(field: string): ValidatorFn {
  return (control: AbstractControl) =>
    control.parent && control.value !== control.parent.get(field)?.value
      ? { mismatch: true }
      : null;
}
