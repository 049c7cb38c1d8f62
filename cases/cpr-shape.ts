/**
 * Anything shaped like a CPR number: six digits, an optional hyphen (or dash) with optional
 * spaces around it, four digits. Looser than a valid CPR on purpose: free text must not carry
 * a CPR even with a typo or an unreal date in it.
 */
const cprShaped = /\b(\d{6}) ?[-–]? ?\d{4}\b/g;

/** True when a free text holds a CPR-shaped number. */
export function hasCprShape(text: string): boolean {
  return new RegExp(cprShaped.source).test(text);
}

/** The text with every CPR-shaped number masked as `DDMMYY-****`. */
export function maskCprShapes(text: string): string {
  return text.replace(cprShaped, '$1-****');
}
