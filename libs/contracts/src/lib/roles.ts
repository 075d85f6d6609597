/** The three kinds of people who sign in to Cairn; each sees a different slice of the clinic. */
export const ROLES = ['admin', 'therapist', 'client'] as const;
export type Role = (typeof ROLES)[number];
