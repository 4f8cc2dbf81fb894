/**
 * `decodeURIComponent` (or `decodeURI`) for URLs that authors write by hand: a bare `%`
 * (`?share=100%`) is not an escape, and is kept as it is instead of throwing a URIError.
 */
export function decodeUriLenient(text: string, decode: (text: string) => string = decodeURIComponent): string {
  try {
    return decode(text);
  } catch {
    return text.replace(/(?:%[0-9a-f]{2})+/gi, (run) => {
      try {
        return decode(run);
      } catch {
        return run;
      }
    });
  }
}
