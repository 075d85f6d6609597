import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { CrisisSupport, InSessionRiskPrompt } from '@cairn/contracts';

/**
 * Help now, in calm words: who to call or text, as links a phone can dial, and an honest line
 * about when the therapist will see it. Self-contained, so any page (the portal's help page, a
 * questionnaire, the therapist's in-session view) can show it. With a prompt (in session) it
 * leads with what the therapist should do now.
 */
@Component({
  selector: 'cairn-crisis-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @let current = support();
    <section class="crisis" [attr.aria-labelledby]="headingId" role="region">
      <h2 [id]="headingId">{{ heading() }}</h2>
      @if (prompt(); as text) {
        <p class="prompt">
          <strong>{{ text }}</strong>
        </p>
      }
      <p class="message">{{ current.message }}</p>
      <ul class="resources">
        @for (resource of current.resources; track resource.name) {
          <li>
            <p class="name">{{ resource.name }}</p>
            @if (resource.contact) {
              <p class="contact">{{ resource.contact }}</p>
            }
            @if (resource.detail) {
              <p class="detail">{{ resource.detail }}</p>
            }
            @if (resource.links.length) {
              <p class="links">
                @for (link of resource.links; track link.href) {
                  <a class="link" [href]="link.href">{{ link.label }}</a>
                }
              </p>
            }
          </li>
        }
      </ul>
      @if (current.followUp) {
        <p class="follow-up">{{ current.followUp }}</p>
      }
    </section>
  `,
  styles: `
    .crisis {
      border-radius: 12px;
      padding: 16px 20px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      margin: 16px 0;
    }
    h2 {
      font: var(--mat-sys-title-large);
      margin: 0 0 8px;
    }
    .message,
    .follow-up {
      font: var(--mat-sys-body-large);
    }
    .resources {
      list-style: none;
      padding: 0;
      margin: 12px 0;
      display: grid;
      gap: 12px;
    }
    .resources li {
      background: var(--mat-sys-surface);
      color: var(--mat-sys-on-surface);
      border-radius: 8px;
      padding: 12px 16px;
    }
    .name {
      font: var(--mat-sys-title-medium);
      margin: 0;
    }
    .contact {
      font: var(--mat-sys-title-small);
      margin: 4px 0;
    }
    .detail {
      margin: 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .links {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      margin: 8px 0 0;
    }
    .link {
      display: inline-flex;
      align-items: center;
      min-height: 44px;
      padding: 0 18px;
      border-radius: 22px;
      background: var(--mat-sys-primary);
      color: var(--mat-sys-on-primary);
      text-decoration: none;
      font: var(--mat-sys-label-large);
    }
    .prompt {
      margin: 0 0 8px;
    }
  `,
})
export class CrisisPanelComponent {
  readonly support = input.required<CrisisSupport | InSessionRiskPrompt>();
  readonly heading = input('If you need help now');
  protected readonly headingId = `crisis-${Math.random().toString(36).slice(2, 8)}`;
  protected readonly prompt = computed(() => {
    const current = this.support();
    return 'prompt' in current ? current.prompt : null;
  });
}
