// Links to the console's own pages for a host, a user and an incident: names come from alerts, so each goes into the
// path as one encoded segment.
import { segment } from "./api";
import { link } from "./dom";

// One parameter each, so that they can be passed to map as they are.
export function hostLink(name: string): HTMLAnchorElement {
  return link(`/hosts/${segment(name)}`, name);
}

export function userLink(name: string): HTMLAnchorElement {
  return link(`/users/${segment(name)}`, name);
}

export function incidentLink(id: string, text = id, attributes: Record<string, string> = {}): HTMLAnchorElement {
  return link(`/incidents/${segment(id)}`, text, attributes);
}
