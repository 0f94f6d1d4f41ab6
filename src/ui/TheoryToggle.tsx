// Shows or hides the theory layers (view key `theory`, URL theory=0|1) wherever they are drawn; every
// panel with a theory layer carries one, all bound to the same key.
interface Props {
  on: boolean;
  onChange: (on: boolean) => void;
  testId: string;
}

export function TheoryToggle({ on, onChange, testId }: Props) {
  return (
    <label
      className="theory-toggle"
      title="theory beside the experiment: predicted bulk edge and density (generalised Marchenko–Pastur), outliers predicted at the run’s λ (▲), λ→∞ outlier positions (◇; faint inside the bulk, where no outlier is predicted), effective-dynamics ODE (d→∞, dotted; faint where SGD noise decides)"
    >
      <input type="checkbox" data-testid={testId} checked={on} onChange={(e) => onChange(e.target.checked)} /> theory
    </label>
  );
}
