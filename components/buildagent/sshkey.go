package buildagent

import (
	"crypto/rsa"
	"fmt"
	"strings"

	"golang.org/x/crypto/ssh"
)

// MinRSABits is the smallest RSA key hardaks accepts for the agents' administrator. hardaks is deliberately
// stricter than Azure, whose minimum is 2048 bits: NIST SP 800-57 rates 2048-bit RSA for use only until 2030.
// https://learn.microsoft.com/azure/virtual-machines/linux/mac-create-ssh-keys#supported-ssh-key-formats
const MinRSABits = 3072

// SSHPublicKeyProblem says what is wrong with an authorized_keys line for the agents, or returns "": it must be one
// Ed25519 key or one RSA key of at least MinRSABits, the key types Azure accepts for Linux VMs.
func SSHPublicKeyProblem(line string) string {
	if strings.TrimSpace(line) == "" {
		return "is required: the agents accept SSH keys only"
	}
	key, _, _, rest, err := ssh.ParseAuthorizedKey([]byte(line))
	if err != nil {
		return "does not parse as an OpenSSH public key"
	}
	if len(strings.TrimSpace(string(rest))) > 0 {
		return "holds more than one key"
	}
	switch key.Type() {
	case ssh.KeyAlgoED25519:
		return ""
	case ssh.KeyAlgoRSA:
		// x/crypto/ssh parses every ssh-rsa key into an *rsa.PublicKey behind CryptoPublicKey.
		if pub := key.(ssh.CryptoPublicKey).CryptoPublicKey().(*rsa.PublicKey); pub.N.BitLen() < MinRSABits {
			return fmt.Sprintf("is an RSA key shorter than %d bits", MinRSABits)
		}
		return ""
	default:
		return "has key type " + key.Type() + "; Azure accepts only RSA and Ed25519 keys"
	}
}
