// Package desiredtest helps test Ensure: an http.RoundTripper that acts on
// chosen requests before or after they reach a fake server, to stage a
// concurrent creator or a create whose answer is lost.
package desiredtest

import (
	"errors"
	"io"
	"net/http"
	"sync"
)

// ErrLost is the error Transport returns for a request whose answer it
// drops.
var ErrLost = errors.New("desiredtest: connection lost after the request was sent")

// Transport forwards every request to Base. For the first request that
// Match accepts, it calls Before (if set) before forwarding it and, with
// LoseAnswer, drops the answer and returns ErrLost (the server has acted on
// the request; the client cannot know), or with Status, replaces the answer
// by an empty one with that status.
type Transport struct {
	// Base sends the requests.
	Base http.RoundTripper
	// Match picks the request to act on.
	Match func(r *http.Request) bool
	// Before runs before the picked request is forwarded.
	Before func()
	// LoseAnswer drops the answer to the picked request.
	LoseAnswer bool
	// Status, when not 0, replaces the answer to the picked request.
	Status int

	mu   sync.Mutex
	done bool
}

// RoundTrip implements http.RoundTripper.
func (t *Transport) RoundTrip(r *http.Request) (*http.Response, error) {
	t.mu.Lock()
	pick := !t.done && t.Match != nil && t.Match(r)
	if pick {
		t.done = true
	}
	t.mu.Unlock()
	if pick && t.Before != nil {
		t.Before()
	}
	resp, err := t.Base.RoundTrip(r)
	if !pick || err != nil || (!t.LoseAnswer && t.Status == 0) {
		return resp, err
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	_ = resp.Body.Close()
	if t.LoseAnswer {
		return nil, ErrLost
	}
	return &http.Response{
		Status: http.StatusText(t.Status), StatusCode: t.Status, Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: http.Header{}, Body: http.NoBody, Request: r,
	}, nil
}

// Picked reports whether a request was picked.
func (t *Transport) Picked() bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.done
}
