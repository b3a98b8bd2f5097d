import { useEffect, useState } from 'react';

// A sidebar panel with the schema as the server prints it (descriptions included), to read, open or download.
function SdlPanel({ sdlUrl }) {
  const [sdl, setSdl] = useState(null);
  const [error, setError] = useState(null);

  useEffect(() => {
    let live = true;
    fetch(sdlUrl, { headers: { accept: 'text/plain' } })
      .then((response) => (response.ok ? response.text() : Promise.reject(new Error(`HTTP ${response.status}`))))
      .then((text) => live && setSdl(text), (e) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [sdlUrl]);

  return (
    <div className="coco-sdl">
      <div className="graphiql-doc-explorer-title">Schema (SDL)</div>
      <p>
        <a href={sdlUrl} target="_blank" rel="noopener">Open</a>
        {' · '}
        <a href={sdlUrl} download="schema.graphql">Download schema.graphql</a>
      </p>
      {error && <p className="coco-sdl-error">Could not load the schema: {error}</p>}
      {sdl === null && !error ? <p>Loading…</p> : <pre className="coco-sdl-text">{sdl}</pre>}
    </div>
  );
}

function SdlIcon() {
  return (
    <svg viewBox="0 0 24 24" width="20" height="20" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <path d="M8 4H5v16h3M16 4h3v16h-3M9 9h6M9 12h6M9 15h4" />
    </svg>
  );
}

export function sdlPlugin(sdlUrl) {
  return {
    title: 'Schema (SDL)',
    icon: SdlIcon,
    content: () => <SdlPanel sdlUrl={sdlUrl} />,
  };
}
