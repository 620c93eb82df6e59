import { existsSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { ConceptError, parseConcept, type Concept } from './domain/concept';

/** Loads every concept file in a folder; a broken file stops start-up with the file and field named. */
export function loadConcepts(folder: string): Map<string, Concept> {
  const concepts = new Map<string, Concept>();
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.json')).sort()) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(folder, file), 'utf8'));
    } catch (error) {
      throw new ConceptError(`Koncept-filen ${file} er ikke gyldig JSON: ${(error as Error).message}`);
    }
    const concept = parseConcept(raw, file);
    concept.pictures.forEach((picture, i) => {
      if (!existsSync(picturePath(folder, concept.id, picture.file))) {
        throw new ConceptError(`Koncept-filen ${file} er ugyldig: pictures[${i}].file: ${concept.id}/pictures/${picture.file} findes ikke`);
      }
    });
    if (concepts.has(concept.id)) throw new ConceptError(`Koncept-filen ${file}: id "${concept.id}" findes allerede`);
    concepts.set(concept.id, concept);
  }
  return concepts;
}

/** Where a concept's picture tile lies: next to the concept file, in a folder named by its id. */
export function picturePath(folder: string, conceptId: string, file: string): string {
  return join(folder, conceptId, 'pictures', file);
}
