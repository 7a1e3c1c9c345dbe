package config

// NewTestSecret builds a Secret as Load does, so validation tests can reach the vault secret rules without loading.
func NewTestSecret(name, value string) Secret { return Secret{Name: name, value: value} }
