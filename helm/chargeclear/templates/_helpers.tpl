{{/*
Prefix of every object name: fullnameOverride, else the release name (plus nameOverride when set).
*/}}
{{- define "chargeclear.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" -}}
{{- else if .Values.nameOverride -}}
{{- printf "%s-%s" .Release.Name .Values.nameOverride | trunc 40 | trimSuffix "-" -}}
{{- else -}}
{{- .Release.Name | trunc 40 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Name of one service's objects. Call with (dict "root" $ "name" "ocpi-gateway"). */}}
{{- define "chargeclear.serviceName" -}}
{{- printf "%s-%s" (include "chargeclear.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "chargeclear.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels every object carries, besides the instance. */}}
{{- define "chargeclear.baseLabels" -}}
helm.sh/chart: {{ include "chargeclear.chart" . }}
app.kubernetes.io/part-of: chargeclear
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Labels of release-wide objects (the Secret). */}}
{{- define "chargeclear.commonLabels" -}}
{{ include "chargeclear.baseLabels" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* Selector labels of one service. Call with (dict "root" $ "name" ...). */}}
{{- define "chargeclear.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* All labels of one service's objects. Call with (dict "root" $ "name" ...). */}}
{{- define "chargeclear.labels" -}}
{{ include "chargeclear.baseLabels" .root }}
{{ include "chargeclear.selectorLabels" . }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{/* The Secret the services read. */}}
{{- define "chargeclear.secretName" -}}
{{- if .Values.secret.existingSecret -}}
{{- .Values.secret.existingSecret -}}
{{- else -}}
{{- printf "%s-secrets" (include "chargeclear.fullname" .) -}}
{{- end -}}
{{- end -}}

{{/* Image of one service. Call with (dict "root" $ "name" ... "svc" ...). */}}
{{- define "chargeclear.image" -}}
{{- $repo := default (printf "%s/%s" .root.Values.image.registry .name) (dig "image" "repository" "" .svc) -}}
{{- $tag := default (default .root.Chart.AppVersion .root.Values.image.tag) (dig "image" "tag" "" .svc) -}}
{{- printf "%s:%s" $repo $tag -}}
{{- end -}}

{{/* Public base URL of the gateway (what partners are told in versions/credentials). */}}
{{- define "chargeclear.gatewayPublicUrl" -}}
{{- if .Values.ingress.enabled -}}
{{- printf "%s://%s" (ternary "https" "http" .Values.ingress.tls.enabled) .Values.ingress.host -}}
{{- else -}}
{{- printf "http://%s:%v" (include "chargeclear.serviceName" (dict "root" . "name" "ocpi-gateway")) (index .Values.services "ocpi-gateway").port -}}
{{- end -}}
{{- end -}}

{{/*
Non-secret environment of one service (the ConfigMap's data): database and Kafka settings for all, the
gateway's public and registry URLs, then the service's own `env` (which wins).
Call with (dict "root" $ "name" ... "svc" ...).
*/}}
{{- define "chargeclear.configEnv" -}}
{{- $root := .root -}}
{{- $env := dict
  "CHARGECLEAR_DB_HOST" ($root.Values.database.host | toString)
  "CHARGECLEAR_DB_PORT" ($root.Values.database.port | toString)
  "CHARGECLEAR_DB_NAME" ($root.Values.database.name | toString)
  "CHARGECLEAR_DB_USER" ($root.Values.database.user | toString)
  "CHARGECLEAR_DB_POOL_SIZE" ($root.Values.database.poolSize | toString)
  "CHARGECLEAR_KAFKA_BOOTSTRAP" ($root.Values.kafka.bootstrap | toString)
-}}
{{- with $root.Values.tracing -}}
{{- if .enabled -}}
{{- $_ := set $env "QUARKUS_OTEL_SDK_DISABLED" "false" -}}
{{- $_ := set $env "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT" (required "tracing.otlpEndpoint is required when tracing.enabled" .otlpEndpoint) -}}
{{- $_ := set $env "QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL" (.otlpProtocol | default "grpc") -}}
{{- end -}}
{{- end -}}
{{- if eq .name "ocpi-gateway" -}}
{{- $_ := set $env "CHARGECLEAR_GATEWAY_PUBLIC_URL" (include "chargeclear.gatewayPublicUrl" $root) -}}
{{- $_ := set $env "CHARGECLEAR_REGISTRY_URL" (printf "http://%s:%v" (include "chargeclear.serviceName" (dict "root" $root "name" "party-registry")) (index $root.Values.services "party-registry").port) -}}
{{- end -}}
{{- range $k, $v := (.svc.env | default dict) -}}
{{- $_ := set $env $k ($v | toString) -}}
{{- end -}}
{{- toYaml $env -}}
{{- end -}}

{{/* Environment from the Secret. Call with (dict "root" $ "name" ... "svc" ...). */}}
{{- define "chargeclear.secretEnv" -}}
{{- $secret := include "chargeclear.secretName" .root -}}
{{- $keys := .root.Values.secret.keys -}}
- name: CHARGECLEAR_ADMIN_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $keys.adminToken }}
- name: CHARGECLEAR_DB_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $keys.dbPassword }}
{{- if .svc.tokenEncryptionKey }}
- name: CHARGECLEAR_TOKEN_ENCRYPTION_KEY
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ $keys.tokenEncryptionKey }}
{{- end }}
{{- end -}}

{{/* An HTTP probe on a Quarkus health path (management port). Call with (dict "path" ... "p" <probe settings>). */}}
{{- define "chargeclear.probe" -}}
httpGet:
  path: {{ .path }}
  port: management
periodSeconds: {{ .p.periodSeconds }}
timeoutSeconds: {{ .p.timeoutSeconds }}
failureThreshold: {{ .p.failureThreshold }}
{{- end -}}
