import { Injectable } from '@angular/core';
import { MatPaginatorIntl } from '@angular/material/paginator';

/** "1 – 25 of 1,234", or "1 – 25 of about 98,000" when the server estimated the total. */
export function rangeLabel(
  pageIndex: number,
  pageSize: number,
  length: number,
  approximate: boolean,
): string {
  const of = `of ${approximate ? 'about ' : ''}${length.toLocaleString('en-US')}`;
  if (length === 0 || pageSize === 0) return `0 ${of}`;
  const start = pageIndex * pageSize;
  const end = Math.min(start + pageSize, length);
  return `${start + 1} – ${end} ${of}`;
}

/**
 * The paginator's words for a list whose unfiltered total may be an estimate (large clinics: the
 * server does not count every file for page 1). Provided per list page, not app-wide.
 */
@Injectable()
export class ApproximatePaginatorIntl extends MatPaginatorIntl {
  private approximate = false;

  override getRangeLabel = (pageIndex: number, pageSize: number, length: number): string =>
    rangeLabel(pageIndex, pageSize, length, this.approximate);

  setApproximate(approximate: boolean): void {
    if (approximate === this.approximate) return;
    this.approximate = approximate;
    this.changes.next();
  }
}
