{{/* The release's full name: the prefix of every object the chart creates. */}}
{{- define "stowage.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "stowage.operatorName" -}}
{{- printf "%s-operator" (include "stowage.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "stowage.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "stowage.operatorName" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "stowage.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{- define "stowage.selectorLabels" -}}
app.kubernetes.io/name: stowage-operator
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "stowage.labels" -}}
{{ include "stowage.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/component: operator
app.kubernetes.io/part-of: stowage
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/*
What the operator does in each watched namespace, and nothing more (see the reconciler's client calls):
it reads ObjectStores through informers and patches their status; it creates and updates the objects an
ObjectStore owns and watches them, but never deletes them (owner references do); it deletes only the
cert-manager Certificate and ServiceMonitor it made when the spec stops asking for them.
*/}}
{{- define "stowage.watchRules" -}}
- apiGroups: ["stowage.io"]
  resources: ["objectstores"]
  verbs: ["get", "list", "watch"]
- apiGroups: ["stowage.io"]
  resources: ["objectstores/status"]
  verbs: ["patch"]
# Owner references with blockOwnerDeletion need this where OwnerReferencesPermissionEnforcement is on.
- apiGroups: ["stowage.io"]
  resources: ["objectstores/finalizers"]
  verbs: ["update"]
- apiGroups: [""]
  resources: ["secrets", "services"]
  verbs: ["get", "list", "watch", "create", "update"]
- apiGroups: ["apps"]
  resources: ["statefulsets"]
  verbs: ["get", "list", "watch", "create", "update"]
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["get", "list", "watch", "create", "update"]
- apiGroups: ["cert-manager.io"]
  resources: ["certificates"]
  verbs: ["get", "create", "update", "delete"]
- apiGroups: ["monitoring.coreos.com"]
  resources: ["servicemonitors"]
  verbs: ["get", "create", "update", "delete"]
{{- end -}}
