// The host credential of a quick room lives in the host's browser, keyed by PIN.
export const hostSecretKey = (pin: string) => `anda:host:${pin}`;
export const playerTokenKey = (pin: string) => `anda:player:${pin}`;
