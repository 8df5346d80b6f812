/** Text matched literally inside a pattern built from knowledge or from code (names, folders, suffixes). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
