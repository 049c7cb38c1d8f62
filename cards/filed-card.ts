import { text, type Language } from '../texts';
import { adaptiveCard, heading, paragraph, type AdaptiveCard } from './adaptive-card';

/** What the summary card becomes once its case is filed. */
export interface FiledView {
  kind: 'new' | 'forgotten';
  caseNumber: string;
}

/** The summary card after filing: which case it became, and no buttons any more. */
export function filedCard(view: FiledView, language: Language): AdaptiveCard {
  return adaptiveCard([
    heading(text(language, `kind.${view.kind}`)),
    paragraph(text(language, 'summary.filedAs', { caseNumber: view.caseNumber })),
  ]);
}
