/** `service:Action` strings, as written in a statement's `Action`. */

export interface ActionName {
  /** The service prefix as written, e.g. `s3`. */
  service: string;
  /** The action part as written (may contain wildcards), e.g. `Get*`. */
  action: string;
}

/** Split at the first colon; undefined when there is none or either side is empty. */
export function parseActionName(text: string): ActionName | undefined {
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1) return undefined;
  return { service: text.slice(0, colon), action: text.slice(colon + 1) };
}
