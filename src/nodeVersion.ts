/**
 * The Node.js major the app is built, tested and deployed on: package.json's engines and its
 * pinned `node` dev dependency, and App Service's NODE|24-lts. An LTS line with security fixes;
 * anything else has not been tested and is refused at start.
 */
export const SUPPORTED_NODE_MAJOR = 24;

/** Why this Node cannot run the app, in Danish; undefined when it can. */
export function unsupportedNode(version: string = process.version): string | undefined {
  const major = Number(/^v(\d+)\./.exec(version)?.[1]);
  if (major === SUPPORTED_NODE_MAJOR) return undefined;
  return `Node.js ${version} understøttes ikke: appen kører på Node.js ${SUPPORTED_NODE_MAJOR} LTS. Start den med npm start eller npm test, som bruger projektets egen Node.js ${SUPPORTED_NODE_MAJOR} (node_modules/.bin/node).`;
}
