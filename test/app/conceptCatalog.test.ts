import { ConceptCatalog, UnknownConceptError } from '../../src/app/conceptCatalog';
import { ConfigError, loadConfig } from '../../src/config';
import { albertslund, hoejeTaastrup } from '../support/concepts';

describe('which concept a conversation starts from', () => {
  const concepts = new Map([['albertslund', albertslund()], ['hoeje-taastrup', hoejeTaastrup()]]);

  it('is the tenant\'s own where TENANT_CONCEPTS names one, else the default', () => {
    const { concept, tenantConcepts } = loadConfig({ TENANT_CONCEPTS: 'tenant-ht=hoeje-taastrup, tenant-al=albertslund' });
    const catalog = new ConceptCatalog(concepts, concept, tenantConcepts);
    expect(catalog.forTenant('tenant-ht').id).toBe('hoeje-taastrup');
    expect(catalog.forTenant('tenant-al').id).toBe('albertslund');
    expect(catalog.forTenant('another').id).toBe('albertslund');
    expect(catalog.forTenant(undefined).id).toBe('albertslund');
  });

  it('offers a leader only their own municipality\'s concepts to choose from, their own first', () => {
    const second = { ...albertslund(), id: 'albertslund-grus', kinds: ['GRUS' as const] };
    const catalog = new ConceptCatalog(new Map([...concepts, ['albertslund-grus', second]]), 'albertslund', { 'tenant-ht': 'hoeje-taastrup' });
    expect(catalog.choicesFor(undefined).map((c) => c.id)).toEqual(['albertslund', 'albertslund-grus']);
    expect(catalog.choicesFor('tenant-ht').map((c) => c.id)).toEqual(['hoeje-taastrup']);
  });

  it('must exist: an unknown concept id stops start-up, and a malformed setting is named', () => {
    expect(() => new ConceptCatalog(concepts, 'albertslund', { t: 'gladsaxe' })).toThrow(UnknownConceptError);
    expect(() => new ConceptCatalog(concepts, 'gladsaxe', {})).toThrow(/Konceptet gladsaxe findes ikke; kendte: albertslund, hoeje-taastrup/);
    expect(() => loadConfig({ TENANT_CONCEPTS: 'tenant: hoeje-taastrup' })).toThrow(ConfigError);
    expect(() => loadConfig({ TENANT_CONCEPTS: 'tenant: hoeje-taastrup' })).toThrow(/TENANT_CONCEPTS/);
  });
});
