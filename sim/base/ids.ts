/** Branded identifiers so a node name is never passed where a session id is expected. */
declare const brand: unique symbol;
type Branded<T, B extends string> = T & { readonly [brand]: B };

export type NodeId = Branded<string, 'NodeId'>;
export type RouterId = Branded<string, 'RouterId'>;
export type LinkId = Branded<string, 'LinkId'>;
export type SessionId = Branded<string, 'SessionId'>;
export type FlowId = Branded<number, 'FlowId'>;

export const nodeId = (s: string): NodeId => s as NodeId;
export const routerId = (s: string): RouterId => s as RouterId;
export const linkId = (s: string): LinkId => s as LinkId;
export const sessionId = (s: string): SessionId => s as SessionId;
export const flowId = (n: number): FlowId => n as FlowId;
