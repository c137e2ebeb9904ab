package metrics

import (
	"github.com/prometheus/client_golang/prometheus"
	"github.com/tickforge/tickforge/ecs"
	"github.com/tickforge/tickforge/net/endpoint"
	"github.com/tickforge/tickforge/net/rudp"
	"github.com/tickforge/tickforge/net/wire"
	"github.com/tickforge/tickforge/sim/server"
	"github.com/tickforge/tickforge/systems/actions"
)

// Collector reads the server's and its endpoint's counters at scrape time.
type Collector struct {
	srv *server.Server

	players, rooms, conns, overruns, ticks           *prometheus.Desc
	packets, bytes, messages, retransmits, rtt       *prometheus.Desc
	cheat, actionsVerdicts, inDropped, outShed, kick *prometheus.Desc
	joins, leaves, refused, commands, transfers      *prometheus.Desc
}

// NewCollector returns a collector for srv; register it on a registry.
func NewCollector(srv *server.Server) *Collector {
	d := func(name, help string, labels ...string) *prometheus.Desc {
		return prometheus.NewDesc("tickforge_"+name, help, labels, nil)
	}
	return &Collector{
		srv:             srv,
		players:         d("players", "Players in open rooms."),
		rooms:           d("rooms", "Open rooms."),
		conns:           d("connections", "Open transport connections."),
		overruns:        d("tick_overruns_total", "Ticks whose systems took longer than one tick, over all rooms."),
		ticks:           d("ticks_total", "Ticks run, over all rooms."),
		packets:         d("packets_total", "Datagrams by direction and result (ok or the drop reason).", "direction", "result"),
		bytes:           d("bytes_total", "Datagram bytes by direction.", "direction"),
		messages:        d("messages_total", "Application messages by direction.", "direction"),
		retransmits:     d("retransmits_total", "Reliable frames sent again after loss."),
		rtt:             d("rtt_seconds", "Smoothed round-trip time over open connections.", "stat"),
		cheat:           d("cheat_verdicts_total", "validate-cheat verdicts by reason (accepted included).", "reason"),
		actionsVerdicts: d("actions_total", "PlayerAction verdicts.", "verdict"),
		inDropped:       d("inbound_dropped_total", "Messages dropped because a room queue was full, by priority.", "priority"),
		outShed:         d("outbound_shed_total", "Messages shed because the outbound queue was full, by priority.", "priority"),
		kick:            d("kicks_total", "Connections kicked by the server, by reason.", "reason"),
		joins:           d("joins_total", "Players admitted to a room."),
		leaves:          d("leaves_total", "Players who left or were removed."),
		refused:         d("refused_total", "Connects refused (room limit, room full)."),
		commands:        d("commands_total", "ReliableCommands by reply status.", "status"),
		transfers:       d("transfers_total", "Completed LargeDataTransfers."),
	}
}

// Describe implements prometheus.Collector.
func (c *Collector) Describe(ch chan<- *prometheus.Desc) {
	for _, d := range []*prometheus.Desc{c.players, c.rooms, c.conns, c.overruns, c.ticks, c.packets, c.bytes,
		c.messages, c.retransmits, c.rtt, c.cheat, c.actionsVerdicts, c.inDropped, c.outShed, c.kick,
		c.joins, c.leaves, c.refused, c.commands, c.transfers} {
		ch <- d
	}
}

var priorityNames = [wire.NumPriorities]string{"critical", "high", "normal", "low"}

var statusNames = [4]string{"ok", "failed", "unknown_command", "denied"}

// Collect implements prometheus.Collector.
func (c *Collector) Collect(ch chan<- prometheus.Metric) {
	gauge := func(d *prometheus.Desc, v float64, l ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.GaugeValue, v, l...)
	}
	counter := func(d *prometheus.Desc, v uint64, l ...string) {
		ch <- prometheus.MustNewConstMetric(d, prometheus.CounterValue, float64(v), l...)
	}
	st := c.srv.Stats()
	gauge(c.players, float64(st.Players))
	gauge(c.rooms, float64(st.Rooms))
	counter(c.overruns, st.Overruns)
	counter(c.ticks, st.Ticks)
	for r := ecs.RejectReason(0); r < ecs.NumReasons; r++ {
		counter(c.cheat, st.Cheat[r], r.String())
	}
	for v := actions.Reject(0); v < actions.NumRejects; v++ {
		counter(c.actionsVerdicts, st.Actions[v], v.String())
	}
	for p, name := range priorityNames {
		counter(c.inDropped, st.InboundDropped[p], name)
		counter(c.outShed, st.OutboundShed[p], name)
	}
	counter(c.kick, st.CheatKicks, "cheat")
	counter(c.kick, st.CriticalKicks, "outbound_overflow")
	counter(c.joins, st.Joins)
	counter(c.leaves, st.Leaves)
	counter(c.refused, st.Refused)
	for i, name := range statusNames {
		counter(c.commands, st.Commands[i], name)
	}
	counter(c.transfers, st.Transfers)

	ep := c.srv.Endpoint()
	if ep == nil {
		return
	}
	es := ep.Stats()
	gauge(c.conns, float64(es.Conns))
	counter(c.packets, es.DatagramsIn, "in", "ok")
	counter(c.packets, es.DatagramsOut, "out", "ok")
	for r := endpoint.DropReason(0); r < endpoint.NumDropReasons; r++ {
		counter(c.packets, es.Drops[r], dropDirection(r), r.String())
	}
	for r := rudp.DropReason(0); r < rudp.NumDropReasons; r++ {
		counter(c.packets, es.RUDPDrops[r], "in", "rudp_"+r.String())
	}
	counter(c.bytes, es.BytesIn, "in")
	counter(c.bytes, es.BytesOut, "out")
	counter(c.messages, es.MessagesIn, "in")
	counter(c.messages, es.MessagesOut, "out")
	counter(c.retransmits, es.Retransmits)
	gauge(c.rtt, es.RTTMean.Seconds(), "mean")
	gauge(c.rtt, es.RTTMax.Seconds(), "max")
}

// dropDirection says whether an endpoint drop reason concerns received or
// sent traffic.
func dropDirection(r endpoint.DropReason) string {
	switch r {
	case endpoint.DropQueueFull, endpoint.DropMessageSize, endpoint.DropNoConn, endpoint.DropRefused, endpoint.DropWriteError:
		return "out"
	}
	return "in"
}
