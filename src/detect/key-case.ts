/**
 * The camelCase a React SDK gives a flag key (LaunchDarkly's `useFlags()` uses lodash's
 * camelCase): accents dropped, words split at non-alphanumerics, at lower-to-upper case changes,
 * before the last capital of a run of capitals (`HTMLParser`), and after digits (`2fa` → `2Fa`);
 * then the first word lower-cased and the others capitalised.
 */
function isOrdinal(digit: string, letters: string): boolean {
  const suffix = letters.slice(0, 2).toLowerCase();
  const rest = letters.slice(2);
  if (rest !== '' && /^[a-z]/.test(rest)) return false;
  return (
    (digit === '1' && suffix === 'st') ||
    (digit === '2' && suffix === 'nd') ||
    (digit === '3' && suffix === 'rd') ||
    (/[04-9]/.test(digit) && suffix === 'th')
  );
}

export function camelCaseKey(key: string): string {
  const plain = key.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  const words = plain
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    // A digit starts a new word, unless it ends an ordinal (1st, 2nd, 3rd, 4th): lodash keeps those whole.
    .replace(/([0-9])([A-Za-z]+)/g, (match: string, digit: string, letters: string) =>
      isOrdinal(digit, letters) ? match : `${digit} ${letters}`,
    )
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word.length > 0);
  return words
    .map((word, index) => {
      const lower = word.toLowerCase();
      return index === 0 ? lower : lower.charAt(0).toUpperCase() + lower.slice(1);
    })
    .join('');
}
