// Before the first run of a link (or a playground file, or a draft opened from one): the limits
// and permissions it set that differ from the page's defaults. Anything above them waits for the
// person's answer when Run is pressed.
import { usePlayground, usePlaygroundState } from "../state/context";
import { limitAsks } from "./limit-review";

const WHO = { link: "This link", file: "This file", draft: "This draft (opened from a link)" };

export function LimitReviewPanel() {
  const playground = usePlayground();
  const review = usePlaygroundState((s) => s.limitReview);
  const limits = usePlaygroundState((s) => s.limits);
  const allowList = usePlaygroundState((s) => s.allowList);
  const io = usePlaygroundState((s) => s.io);
  const language = usePlaygroundState((s) => s.language);
  const binary = usePlaygroundState((s) => s.binary);
  if (!review) return null;
  const asks = limitAsks({ limits, allowList, io, language, binary });
  if (asks.length === 0) return null;
  const above = asks.some((a) => a.above);
  return (
    <section
      className={`limit-review notice ${above ? "notice--warning" : ""}`}
      data-testid="limit-review"
      aria-label="Limits this link asks for"
    >
      <div>
        <p className="limit-review__title">{WHO[review.from]} asks for:</p>
        <ul className="limit-review__list">
          {asks.map((a) => (
            <li key={a.key} data-testid={`limit-ask-${a.key}`} data-above={a.above}>
              {a.text}
              {a.above && <strong> · above the page’s default</strong>}
            </li>
          ))}
        </ul>
        {review.asking && above ? (
          <div className="limit-review__ask" role="alert">
            <p>Run with these limits, or with the page’s defaults?</p>
            <button
              type="button"
              className="button button--primary button--small"
              data-testid="limits-confirm"
              onClick={() => playground.decideLimits("asked")}
            >
              Run with these limits
            </button>{" "}
            <button
              type="button"
              className="button button--small"
              data-testid="limits-use-defaults"
              onClick={() => playground.decideLimits("defaults")}
            >
              Use default limits
            </button>
          </div>
        ) : (
          <p className="hint">
            {above
              ? "Run will ask you to confirm what is above the page’s defaults."
              : "All within the page’s defaults."}
          </p>
        )}
      </div>
    </section>
  );
}
