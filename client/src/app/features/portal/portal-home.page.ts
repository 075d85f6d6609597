import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { rxResource } from '@angular/core/rxjs-interop';
import { RouterLink } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { APPOINTMENT_KIND_LABELS, type MyHomeworkAssignment } from '@cairn/contracts';
import { AuthService } from '../../core/auth/auth.service';
import { CalendarDayPipe } from '../../shared/calendar-day.pipe';
import { ClinicTimePipe } from '../../shared/clinic-time.pipe';
import { MyQuestionnairesApiService } from '../assessments/assessments-api.service';
import { MyHomeworkApiService } from '../homework/homework-api.service';
import { SchedulingApiService } from '../scheduling/scheduling-api.service';
import { ProgressApiService } from '../progress/progress-api.service';
import { saveFile } from '../notes/notes-api.service';
import { PendingAction } from '../../shared/pending-action';
import { SkeletonComponent } from '../../shared/skeleton.component';
import { RecordCopyComponent } from '../record-export/record-copy.component';
import { ReminderConsentComponent } from './reminder-consent.component';

/**
 * The client's home in the portal: what is there for today, what is still open from before,
 * questionnaires waiting and upcoming appointments. Plain, warm words, and nothing that names
 * what the portal is for, for anyone glancing at the screen.
 */
@Component({
  selector: 'cairn-portal-home',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    SkeletonComponent,
    RouterLink,
    CalendarDayPipe,
    ClinicTimePipe,
    ReminderConsentComponent,
    RecordCopyComponent,
  ],
  templateUrl: './portal-home.page.html',
  styleUrl: './portal-home.page.scss',
})
export class PortalHomePage {
  private readonly homeworkApi = inject(MyHomeworkApiService);
  private readonly questionnairesApi = inject(MyQuestionnairesApiService);
  private readonly auth = inject(AuthService);
  private readonly schedulingApi = inject(SchedulingApiService);
  private readonly progressApi = inject(ProgressApiService);

  protected readonly kinds = APPOINTMENT_KIND_LABELS;

  protected readonly firstName = computed(() => this.auth.user()?.displayName.split(' ')[0] ?? '');
  protected readonly homework = rxResource({ stream: () => this.homeworkApi.list() });
  protected readonly questionnaires = rxResource({ stream: () => this.questionnairesApi.list() });
  protected readonly appointments = rxResource({ stream: () => this.schedulingApi.mine() });
  protected readonly documents = rxResource({ stream: () => this.progressApi.shared() });
  protected readonly download = new PendingAction();
  /** Every part has answered, with data or an error (each section shows its own error). */
  protected readonly ready = computed(
    () =>
      (this.homework.hasValue() || !!this.homework.error()) &&
      (this.questionnaires.hasValue() || !!this.questionnaires.error()) &&
      (this.appointments.hasValue() || !!this.appointments.error()) &&
      (this.documents.hasValue() || !!this.documents.error()),
  );
  /** The next three booked appointments; the full list is one link away. */
  protected readonly nextAppointments = computed(() =>
    (this.appointments.value()?.upcoming ?? [])
      .filter((item) => item.status === 'scheduled')
      .slice(0, 3),
  );

  private readonly assignments = computed(() => this.homework.value()?.assignments ?? []);
  protected readonly toDo = computed(() =>
    this.assignments().filter((item) => item.current && !item.current.entry),
  );
  protected readonly done = computed(() =>
    this.assignments().filter((item) => item.current?.entry),
  );
  protected readonly overdue = computed(() =>
    this.assignments().flatMap((item) => item.overdue.map((occursOn) => ({ item, occursOn }))),
  );
  protected readonly comingUp = computed(() => {
    const today = this.homework.value()?.today ?? '';
    return this.assignments().filter((item) => item.startsOn > today);
  });
  protected readonly waitingQuestionnaires = computed(() =>
    (this.questionnaires.value() ?? []).filter((item) => item.status === 'in_progress'),
  );

  private readonly day = new CalendarDayPipe();

  protected when(item: MyHomeworkAssignment): string {
    switch (item.frequency) {
      case 'daily':
        return `Every day until ${this.day.transform(item.endsOn)}`;
      case 'weekly':
        return `Once this week, by ${this.day.transform(item.current?.lastDay ?? item.endsOn)}`;
      case 'once':
        return `Once, by ${this.day.transform(item.endsOn)}`;
    }
  }

  /** A summary the therapist shared, saved under a name that says nothing of what it is about. */
  protected save(id: string, to: string): Promise<void> {
    return this.download.run(async () => {
      saveFile(await firstValueFrom(this.progressApi.pdf(id)), `summary-${to}.pdf`);
    }, 'The document could not be downloaded. Please try again.');
  }
}
