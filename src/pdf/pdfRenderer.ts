import type { PlanRenderer } from '../app/ports';
import { translator } from '../i18n/catalog';
import { renderPlanPdf } from './planPdf';

/** The plan as PDF, worded in the language and for the kind it is read in. */
export const pdfRenderer: PlanRenderer = {
  render: (plan, locale, kind) => renderPlanPdf(plan, translator(locale, kind))
};
