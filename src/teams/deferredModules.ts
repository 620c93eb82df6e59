import Module from 'module';

/**
 * teams-ai v1 loads its whole LLM stack when it is imported: the OpenAI client and the GPT
 * tokenizers with their BPE tables, about 60 MB of memory and a quarter of a second of start-up.
 * This bot uses none of it (no planner, no model). Those modules are handed to teams-ai as proxies
 * that load the real module on first use, so nothing breaks if a feature does use them one day.
 * Import this before teams-ai.
 */
const deferred = new Set(['gpt-tokenizer', 'gpt-tokenizer/cjs/model/text-davinci-003', 'openai']);
const requester = /[\\/]node_modules[\\/]@microsoft[\\/]teams-ai[\\/]/;

type Load = (request: string, parent: { filename?: string } | undefined, isMain: boolean) => unknown;
const loader = Module as unknown as { _load: Load };
const load = loader._load;

loader._load = function (request, parent, isMain) {
  if (!deferred.has(request) || !requester.test(parent?.filename ?? '')) return load.call(this, request, parent, isMain);
  return proxyLoadingOnUse(() => load.call(this, request, parent, isMain) as object);
};

function proxyLoadingOnUse(loadReal: () => object): object {
  let real: object | undefined;
  const target = () => (real ??= loadReal());
  return new Proxy(
    {},
    {
      // TypeScript's import helpers ask this when teams-ai is loaded; the answer is known without loading.
      get: (_, key) => (key === '__esModule' ? true : Reflect.get(target(), key)),
      has: (_, key) => Reflect.has(target(), key),
      ownKeys: () => Reflect.ownKeys(target()),
      getOwnPropertyDescriptor: (_, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(target(), key);
        return descriptor && { ...descriptor, configurable: true };
      }
    }
  );
}
