/**
 * "Firefox on Windows" from a user-agent string: enough for a person to recognise their own
 * devices in the session list. Order matters: Edge and Opera also say "Chrome", Chrome also
 * says "Safari", Android also says "Linux", iOS also says "Mac OS X".
 */
export function describeUserAgent(userAgent: string | null): string {
  if (!userAgent) return 'Unknown device';
  const browser = firstMatch(userAgent, [
    [/Edg(e|A|iOS)?\//, 'Edge'],
    [/OPR\/|Opera/, 'Opera'],
    [/Firefox\/|FxiOS\//, 'Firefox'],
    [/Chrome\/|CriOS\/|Chromium\//, 'Chrome'],
    [/Safari\//, 'Safari'],
  ]);
  const system = firstMatch(userAgent, [
    [/iPhone|iPad|iPod/, 'iOS'],
    [/Android/, 'Android'],
    [/Windows/, 'Windows'],
    [/Mac OS X|Macintosh/, 'macOS'],
    [/CrOS/, 'ChromeOS'],
    [/Linux/, 'Linux'],
  ]);
  if (browser && system) return `${browser} on ${system}`;
  return browser ?? system ?? 'Unknown device';
}

function firstMatch(text: string, patterns: [RegExp, string][]): string | null {
  for (const [pattern, name] of patterns) if (pattern.test(text)) return name;
  return null;
}
