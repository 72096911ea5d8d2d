/**
 * (issue 19) The Socket.IO namespace of the public counter (/live): no token, aggregates only.
 * A module of its own: /live loads nothing else of the domain's constants.
 */
export const PUBLIC_NAMESPACE = '/public';
