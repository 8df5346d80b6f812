/** Text matched literally inside a pattern built from knowledge, code or a config (names, folders, module specifiers, glob characters). */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
