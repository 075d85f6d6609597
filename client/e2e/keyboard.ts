import { expect, type Locator, type Page } from '@playwright/test';

/**
 * How the focused control shows its focus, as the design system draws it: a ring of at least
 * 2 px (on the control, or around the visible box of a checkbox or radio), or, in a form field,
 * the field's thickened border. Null when nothing visible marks it.
 */
export async function focusIndicator(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    if (!active || active === document.body) return null;
    const ring = (element: Element) => {
      const style = getComputedStyle(element);
      return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2
        ? `outline ${style.outlineWidth} ${style.outlineStyle}`
        : null;
    };
    const own = ring(active);
    if (own) return own;
    const box = active.closest('.mat-mdc-checkbox, .mat-mdc-radio-button, .mat-mdc-slide-toggle');
    const boxed = box && ring(box);
    if (boxed) return `${boxed} around the control`;
    const field = active.closest('.mat-mdc-form-field');
    const edge = field?.classList.contains('mat-focused')
      ? field.querySelector('.mdc-notched-outline__leading')
      : null;
    if (edge && parseFloat(getComputedStyle(edge).borderTopWidth) >= 2) {
      return `field border ${getComputedStyle(edge).borderTopWidth}`;
    }
    return null;
  });
}

/** What has focus, in words, for a failure message. */
async function describeFocus(page: Page): Promise<string> {
  return page.evaluate(() => {
    const active = document.activeElement as HTMLElement | null;
    if (!active) return 'nothing';
    const name = active.getAttribute('aria-label') ?? active.textContent?.trim().slice(0, 40);
    return `<${active.tagName.toLowerCase()}> ${name ?? ''}`;
  });
}

/**
 * Presses a key (Tab by default) until the target has focus, checking on the way that every
 * control focus passes through shows it. Fails after `max` presses.
 */
export async function pressUntilFocused(
  page: Page,
  target: Locator,
  key = 'Tab',
  max = 80,
): Promise<void> {
  await target.waitFor();
  for (let presses = 0; presses <= max; presses++) {
    if (await target.evaluate((element) => element === document.activeElement)) {
      await expectFocusVisible(page);
      return;
    }
    await page.keyboard.press(key);
    const at = await describeFocus(page);
    const heading = await page.evaluate(() =>
      /^H[1-6]$/.test(document.activeElement?.tagName ?? ''),
    );
    // A heading given focus by the page is not a control and rightly shows no ring.
    if (!heading) expect(await focusIndicator(page), `focus not visible on ${at}`).not.toBeNull();
  }
  throw new Error(`${key} never reached the target; focus is on ${await describeFocus(page)}`);
}

export async function expectFocusVisible(page: Page): Promise<void> {
  expect(
    await focusIndicator(page),
    `focus not visible on ${await describeFocus(page)}`,
  ).not.toBeNull();
}
