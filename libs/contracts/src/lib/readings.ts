/**
 * The portal's reading library: short pieces written by the Cairn team for clients. A therapist
 * assigns one like homework (a homework template of kind `reading`); reading it counts as done.
 */
export interface ReadingSummary {
  key: string;
  title: string;
  /** One or two sentences on what the reading is about. */
  summary: string;
  minutes: number;
}

export interface ReadingSection {
  heading: string | null;
  paragraphs: string[];
}

export interface Reading extends ReadingSummary {
  sections: ReadingSection[];
}
