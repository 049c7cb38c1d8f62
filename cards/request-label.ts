import type { LoginRequest } from '../cases/case';
import { text, type Language } from '../texts';

/** What a case asks for, in words: "Nyt Unilogin", or "Glemt login: Ny adgangskode". */
export function requestLabel(request: LoginRequest, language: Language): string {
  const kind = text(language, `kind.${request.kind}`);
  if (request.kind === 'new') return kind;
  return `${kind}: ${text(language, `requested.${request.requested}`)}`;
}
