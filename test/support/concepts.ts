import { readFileSync } from 'fs';
import { join } from 'path';
import { parseConcept, type Concept } from '../../src/domain/concept';

export const conceptsDir = join(__dirname, '..', '..', 'concepts');

export function albertslund(): Concept {
  return parseConcept(JSON.parse(readFileSync(join(conceptsDir, 'albertslund.json'), 'utf8')), 'albertslund.json');
}
