// The xor effective dynamics of (v, m^μ, m^ν, R⊥) with Filippov sliding at the ReLU kink (odeXor.ts).
import { integrateXorOde } from '../../math/theory/odeXor';
import { rows } from '../rows';
import type { OdeLaw, TheoryContext } from '../types';
import type { XorSummary } from './summary';

/**
 * RK4 step of the xor ODE: its field is discontinuous across m = 0 (ReLU gates) and the sliding
 * projection is O(dt)-accurate there, so a small step; each evaluation is only O(K²).
 */
export const XOR_ODE_DT = 0.01;

export function xorOde({ lambda, beta, cdelta }: TheoryContext): OdeLaw<XorSummary> {
  return {
    begin() {},
    step(s, span) {
      const K = s.v.length;
      const trajectory = integrateXorOde({
        v0: s.v,
        mmu0: s.mmu,
        mnu0: s.mnu,
        Rperp0: s.Rperp.flat(),
        beta,
        lambda,
        cdelta,
        T: span,
        dt: XOR_ODE_DT,
        outputTimes: [span],
      });
      return {
        mmu: Array.from(trajectory.mmu[0]),
        mnu: Array.from(trajectory.mnu[0]),
        v: Array.from(trajectory.v[0]),
        Rperp: rows(trajectory.Rperp[0], K),
      };
    },
    copy: (s) => ({ mmu: s.mmu.slice(), mnu: s.mnu.slice(), v: s.v.slice(), Rperp: s.Rperp.map((r) => r.slice()) }),
  };
}
