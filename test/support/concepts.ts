import { readFileSync } from 'fs';
import { join } from 'path';
import { parseConcept, type Concept } from '../../src/domain/concept';

export const conceptsDir = join(__dirname, '..', '..', 'concepts');

const load = (file: string): Concept => parseConcept(JSON.parse(readFileSync(join(conceptsDir, file), 'utf8')), file);

export const albertslund = (): Concept => load('albertslund.json');
export const hoejeTaastrup = (): Concept => load('hoeje-taastrup.json');
