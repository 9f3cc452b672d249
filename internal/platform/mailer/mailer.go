// Package mailer sends plain-text UTF-8 e-mail over SMTP. It is configured
// from the environment; without KHOAGIAO_SMTP_HOST e-mail is off.
package mailer

import (
	"context"
	"fmt"
	"os"
	"strconv"

	mail "github.com/wneessen/go-mail"
)

// Config is the SMTP server and sender.
type Config struct {
	Host     string
	Port     int
	User     string
	Password string
	From     string
	TLS      string // starttls | tls | none
}

// FromEnv reads KHOAGIAO_SMTP_HOST, _PORT, _USER, _PASSWORD, _FROM, _TLS.
// ok is false when no host is set (e-mail off).
func FromEnv() (Config, bool) {
	c := Config{Host: os.Getenv("KHOAGIAO_SMTP_HOST"), User: os.Getenv("KHOAGIAO_SMTP_USER"),
		Password: os.Getenv("KHOAGIAO_SMTP_PASSWORD"), From: os.Getenv("KHOAGIAO_SMTP_FROM"), TLS: os.Getenv("KHOAGIAO_SMTP_TLS")}
	if c.TLS == "" {
		c.TLS = "starttls"
	}
	c.Port, _ = strconv.Atoi(os.Getenv("KHOAGIAO_SMTP_PORT"))
	if c.Port == 0 {
		c.Port = map[string]int{"tls": 465, "none": 25}[c.TLS]
		if c.Port == 0 {
			c.Port = 587
		}
	}
	if c.From == "" {
		c.From = c.User
	}
	return c, c.Host != ""
}

// Mailer sends messages with one Config.
type Mailer struct{ cfg Config }

// New checks the configuration and returns a Mailer.
func New(c Config) (*Mailer, error) {
	if c.Host == "" || c.From == "" {
		return nil, fmt.Errorf("mailer: host and from are required")
	}
	switch c.TLS {
	case "starttls", "tls", "none":
	default:
		return nil, fmt.Errorf("mailer: KHOAGIAO_SMTP_TLS must be starttls, tls or none, not %q", c.TLS)
	}
	return &Mailer{cfg: c}, nil
}

// Send sends one plain-text message; the subject is RFC 2047-encoded by
// the library, the body is UTF-8 quoted-printable.
func (m *Mailer) Send(ctx context.Context, to, toName, subject, body string) error {
	msg := mail.NewMsg(mail.WithCharset(mail.CharsetUTF8), mail.WithEncoding(mail.EncodingQP))
	if err := msg.From(m.cfg.From); err != nil {
		return fmt.Errorf("mailer: from: %w", err)
	}
	if err := msg.AddToFormat(toName, to); err != nil {
		return fmt.Errorf("mailer: to: %w", err)
	}
	msg.Subject(subject)
	msg.SetBodyString(mail.TypeTextPlain, body)
	opts := []mail.Option{mail.WithPort(m.cfg.Port)}
	switch m.cfg.TLS {
	case "tls":
		opts = append(opts, mail.WithSSL())
	case "none":
		opts = append(opts, mail.WithTLSPolicy(mail.NoTLS))
	default:
		opts = append(opts, mail.WithTLSPolicy(mail.TLSMandatory))
	}
	if m.cfg.User != "" {
		opts = append(opts, mail.WithSMTPAuth(mail.SMTPAuthPlain), mail.WithUsername(m.cfg.User), mail.WithPassword(m.cfg.Password))
	}
	c, err := mail.NewClient(m.cfg.Host, opts...)
	if err != nil {
		return fmt.Errorf("mailer: client: %w", err)
	}
	if err := c.DialAndSendWithContext(ctx, msg); err != nil {
		return fmt.Errorf("mailer: send to %s: %w", to, err)
	}
	return nil
}
