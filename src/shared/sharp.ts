import type Sharp from 'sharp';

let loaded: Promise<typeof Sharp> | undefined;

/** sharp, loaded on first use (about 60 ms of start-up): a guide without images never needs it. */
export function loadSharp(): Promise<typeof Sharp> {
  loaded ??= import('sharp').then((m) => m.default);
  return loaded;
}
