import { ownerCredential } from '../../src/graph/ownerCredential';

describe("the owner's delegated token as the Graph client's credential", () => {
  it('fetches the token before filing starts and again only when it nears expiry', async () => {
    let now = 0;
    const asked: string[] = [];
    const tokens = async (ownerId: string) => {
      asked.push(ownerId);
      return { token: `t${asked.length}`, expiresOnTimestamp: now + 10 * 60_000 };
    };
    const credential = await ownerCredential('lene', tokens, () => now);
    expect(asked).toEqual(['lene']);
    expect((await credential.getToken([]))?.token).toBe('t1');
    now += 7 * 60_000;
    expect((await credential.getToken([]))?.token).toBe('t1');
    now += 2 * 60_000;
    expect((await credential.getToken([]))?.token).toBe('t2');
    expect(asked).toEqual(['lene', 'lene']);
  });

  it('passes on the refusal when the owner has not signed in, before anything is uploaded', async () => {
    const refusal = new Error('sign in first');
    await expect(ownerCredential('lene', async () => Promise.reject(refusal))).rejects.toBe(refusal);
  });
});
