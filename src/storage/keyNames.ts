/**
 * Record keys as stored names: each "/"-separated segment percent-encoded, so no segment can be
 * "." or ".." (which file systems and blob URLs would resolve) and the segments stay folders.
 */
export function encodeKey(key: string): string[] {
  return key.split('/').map(encodeSegment);
}

/** A key prefix as a stored-name prefix: like a key, but its last segment may be cut off or empty. */
export function encodePrefix(prefix: string): string {
  const segments = prefix.split('/');
  const last = segments.pop()!;
  return [...segments.map(encodeSegment), encodeURIComponent(last).replace(/^\./, '%2E')].join('/');
}

export function decodeKey(name: string): string {
  return name.split('/').map(decodeSegment).join('/');
}

/** An empty segment is stored as a lone "%", which no encoded segment can be. */
function encodeSegment(segment: string): string {
  return segment === '' ? '%' : encodeURIComponent(segment).replace(/^\./, '%2E');
}

function decodeSegment(name: string): string {
  return name === '%' ? '' : decodeURIComponent(name);
}
