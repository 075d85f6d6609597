import type {
  Answers,
  CrisisSupport,
  MySafetyScreen,
  SafetyScreenResultView,
  SafetyScreenView,
} from '@cairn/contracts';
import { evaluateSafetyScreen } from '@cairn/instruments';
import type { SafetyScreenRecord } from './entities/safety-screen.entity';

export function toScreenView(screen: SafetyScreenRecord, answers: Answers): SafetyScreenView {
  return {
    id: screen.id,
    clientId: screen.clientId,
    mode: screen.mode,
    status: screen.status,
    answers,
    dueOn: screen.dueOn,
    createdAt: screen.createdAt.toISOString(),
    completedAt: screen.completedAt?.toISOString() ?? null,
  };
}

/** For the screened client's treating therapist: the answers and what the rules found. */
export function toResultView(screen: SafetyScreenRecord, answers: Answers): SafetyScreenResultView {
  const result = evaluateSafetyScreen(answers);
  return {
    ...toScreenView(screen, answers),
    needsReview: result.needsReview,
    urgent: result.urgent,
    concerns: result.concerns,
  };
}

/** For the client: their own answers and help; never what the rules made of them. */
export function toClientScreen(
  screen: SafetyScreenRecord,
  answers: Answers,
  support: CrisisSupport,
): MySafetyScreen {
  return { ...toScreenView(screen, answers), support };
}
