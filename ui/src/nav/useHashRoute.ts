import { useCallback, useEffect, useState } from "react";
import { routeFromHash, type Route } from "./routes";

/** The current route, following the fragment (links, back and forward), and a way to go elsewhere. */
export function useHashRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState<Route>(() => routeFromHash(window.location.hash));

  useEffect(() => {
    const follow = () => setRoute(routeFromHash(window.location.hash));
    window.addEventListener("hashchange", follow);
    return () => window.removeEventListener("hashchange", follow);
  }, []);

  const go = useCallback((next: Route) => {
    if (window.location.hash !== `#${next}`) window.location.hash = next;
    setRoute(next);
  }, []);

  return [route, go];
}
