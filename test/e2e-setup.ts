import { jest } from '@jest/globals';

// Suites boot real processes; a hook may wait for a whole fleet to be ready.
jest.setTimeout(90_000);
