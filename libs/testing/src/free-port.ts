// The port helpers live in @gerbang/runtime (the fleet runner needs them too).
export { freePort } from '@gerbang/runtime';
