import { BreakpointObserver } from '@angular/cdk/layout';
import { inject, type Signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { map } from 'rxjs';

/** Where both frames fold their navigation away behind a Menu button. */
export const NARROW_SCREEN = '(max-width: 840px)';

/** Whether the window is at most {@link NARROW_SCREEN} wide; call it in an injection context. */
export function narrowScreen(): Signal<boolean> {
  return toSignal(
    inject(BreakpointObserver)
      .observe(NARROW_SCREEN)
      .pipe(map((state) => state.matches)),
    { initialValue: false },
  );
}
