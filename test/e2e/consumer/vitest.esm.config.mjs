// The ESM spec that imports describe, it and expect from 'vitest'.
import { vitestConfig } from './vitest.shared.mjs';

export default vitestConfig(['orders.vitest.spec.mjs']);
