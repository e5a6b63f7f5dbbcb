/** The lint rules, in reporting order. Add one file per rule and one line here. */
import aggregateId from './aggregate-id.ts';
import aggregateReducer from './aggregate-reducer.ts';
import envelopePresent from './envelope-present.ts';
import eventPublisher from './event-publisher.ts';
import eventTypeFormat from './event-type-format.ts';
import exampleValid from './example-valid.ts';
import knownAgent from './known-agent.ts';
import partitionKey from './partition-key.ts';
import policyShape from './policy-shape.ts';
import readsResolve from './reads-resolve.ts';
import remoteRef from './remote-ref.ts';
import type { Rule } from './rule.ts';
import sagaCompensation from './saga-compensation.ts';
import sagaEvents from './saga-events.ts';
import semverVersion from './semver-version.ts';

export const rules: readonly Rule[] = [eventTypeFormat, semverVersion, envelopePresent, knownAgent, eventPublisher, sagaEvents, sagaCompensation, aggregateId, aggregateReducer, partitionKey, readsResolve, exampleValid, policyShape, remoteRef];
