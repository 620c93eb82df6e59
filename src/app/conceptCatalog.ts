import type { Concept } from '../domain/concept';

/**
 * The concepts the app holds, and which one a tenant's new conversations start from: a
 * municipality's own (TENANT_CONCEPTS), else the configured default. The leader may choose
 * another of the same municipality's on the create card; another municipality's is never offered.
 */
export class ConceptCatalog {
  constructor(
    private readonly concepts: Map<string, Concept>,
    private readonly fallbackId: string,
    private readonly byTenant: Record<string, string>
  ) {
    for (const id of [fallbackId, ...Object.values(byTenant)]) {
      if (!concepts.has(id)) throw new UnknownConceptError(id, [...concepts.keys()]);
    }
  }

  forTenant(tenantId: string | undefined): Concept {
    return this.concepts.get((tenantId && this.byTenant[tenantId]) || this.fallbackId)!;
  }

  get(id: string): Concept | undefined {
    return this.concepts.get(id);
  }

  /** The concepts a tenant's leaders choose from: their own municipality's, theirs first. */
  choicesFor(tenantId: string | undefined): Concept[] {
    const own = this.forTenant(tenantId);
    return [own, ...[...this.concepts.values()].filter((c) => c !== own && c.municipality === own.municipality)];
  }
}

export class UnknownConceptError extends Error {
  constructor(id: string, known: string[]) {
    super(`Konceptet ${id} findes ikke; kendte: ${known.join(', ')}`);
  }
}
