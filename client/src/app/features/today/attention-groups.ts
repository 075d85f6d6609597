import type { CaseloadAttention } from '@cairn/contracts';

/**
 * What needs the therapist, ranked: an open risk flag first (and a safety review waiting before
 * couples work, which is about risk too), then reliable deterioration, late notes, overdue
 * questionnaires, and low homework follow-through last.
 */
export const ATTENTION_KINDS = [
  'risk',
  'safety_review',
  'deterioration',
  'late_note',
  'overdue',
  'low_adherence',
] as const;
export type AttentionKind = (typeof ATTENTION_KINDS)[number];

export interface AttentionAction {
  label: string;
  /** Router commands. */
  link: string[];
}

export interface AttentionItem {
  kind: AttentionKind;
  /** Identifies the same matter across repeated entries (two flags on one answer are one). */
  key: string;
  text: string;
  /** An instant (ISO) or calendar day (YYYY-MM-DD) to show beside it, when there is one. */
  at: string | null;
  /** How many entries were folded into this one. */
  count: number;
  action: AttentionAction;
}

export interface AttentionGroup {
  clientId: string;
  clientName: string;
  /** The most pressing kind among the items: what ranks the group. */
  top: AttentionKind;
  items: AttentionItem[];
}

const RANK: Record<AttentionKind, number> = Object.fromEntries(
  ATTENTION_KINDS.map((kind, index) => [kind, index]),
) as Record<AttentionKind, number>;

const chart = (clientId: string) => ['/therapist/clients', clientId];
const progress = (clientId: string) => ['/therapist/clients', clientId, 'progress'];

interface Entry extends Omit<AttentionItem, 'count'> {
  clientId: string;
  clientName: string;
}

function entries(attention: CaseloadAttention): Entry[] {
  const all: Entry[] = [];
  for (const flag of attention.openRiskFlags) {
    all.push({
      clientId: flag.clientId,
      clientName: flag.clientName,
      kind: 'risk',
      key: `${flag.assessmentId}:${flag.itemId}`,
      text: flag.message,
      at: flag.raisedAt,
      action: {
        label: 'Review the answer',
        link: ['/therapist/clients', flag.clientId, 'assessments', flag.assessmentId],
      },
    });
  }
  for (const review of attention.pendingSafetyReviews) {
    all.push({
      clientId: review.clientId,
      clientName: review.clientName,
      kind: 'safety_review',
      key: review.clientId,
      text: 'A safety review before couples work waits for your decision',
      at: review.raisedAt,
      action: { label: 'Decide', link: chart(review.clientId) },
    });
  }
  for (const item of attention.deteriorating) {
    all.push({
      clientId: item.clientId,
      clientName: item.clientName,
      kind: 'deterioration',
      key: item.instrumentCode,
      text: `${item.instrumentTitle} reliably worse than at the start (+${item.delta})`,
      at: null,
      action: { label: 'See progress', link: progress(item.clientId) },
    });
  }
  for (const note of attention.lateNotes) {
    all.push({
      clientId: note.clientId,
      clientName: note.clientName,
      kind: 'late_note',
      key: note.appointmentId ?? note.id,
      text: note.noteMissing ? 'Session with no note yet' : 'Note still unsigned',
      at: note.sessionAt,
      action: note.noteMissing
        ? { label: 'Write the note', link: chart(note.clientId) }
        : { label: 'Finish the note', link: ['/therapist/notes', note.id] },
    });
  }
  for (const item of attention.overdueAssessments) {
    all.push({
      clientId: item.clientId,
      clientName: item.clientName,
      kind: 'overdue',
      key: item.instrumentCode,
      text: `${item.instrumentTitle} overdue`,
      at: item.dueOn,
      action: { label: 'Open chart', link: chart(item.clientId) },
    });
  }
  for (const item of attention.lowAdherence) {
    all.push({
      clientId: item.clientId,
      clientName: item.clientName,
      kind: 'low_adherence',
      key: item.clientId,
      text: `${item.done} of ${item.expected} homework done in the last four weeks`,
      at: null,
      action: { label: 'See progress', link: progress(item.clientId) },
    });
  }
  return all;
}

/** Earlier first for what is owed (the longest waiting leads), and nulls last. */
function byAt(a: AttentionItem, b: AttentionItem): number {
  if (a.at === b.at) return 0;
  if (a.at === null) return 1;
  if (b.at === null) return -1;
  return a.at < b.at ? -1 : 1;
}

/**
 * Groups the caseload's attention items by client, folds repeats of one matter into one item
 * (keeping its earliest date and counting the rest), orders each client's items by kind, and
 * ranks the clients by their most pressing item, then by how much is waiting, then by name.
 */
export function groupAttention(attention: CaseloadAttention): AttentionGroup[] {
  const groups = new Map<string, { clientName: string; items: Map<string, AttentionItem> }>();
  for (const entry of entries(attention)) {
    const { clientId, clientName, ...item } = entry;
    let group = groups.get(clientId);
    if (!group) {
      group = { clientName, items: new Map() };
      groups.set(clientId, group);
    }
    const id = `${item.kind}|${item.key}`;
    const seen = group.items.get(id);
    if (!seen) {
      group.items.set(id, { ...item, count: 1 });
    } else {
      seen.count += 1;
      if (item.at !== null && (seen.at === null || item.at < seen.at)) seen.at = item.at;
    }
  }
  const result: AttentionGroup[] = [...groups].map(([clientId, group]) => {
    const items = [...group.items.values()].sort(
      (a, b) => RANK[a.kind] - RANK[b.kind] || byAt(a, b),
    );
    return {
      clientId,
      clientName: group.clientName,
      top: items[0]?.kind ?? 'low_adherence',
      items,
    };
  });
  return result.sort(
    (a, b) =>
      RANK[a.top] - RANK[b.top] ||
      b.items.length - a.items.length ||
      a.clientName.localeCompare(b.clientName),
  );
}
