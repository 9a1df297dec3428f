impl serde::Serialize for AckEventsRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.consumer.is_empty() {
            len += 1;
        }
        if self.sequence != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.AckEventsRequest", len)?;
        if !self.consumer.is_empty() {
            struct_ser.serialize_field("consumer", &self.consumer)?;
        }
        if self.sequence != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("sequence", ToString::to_string(&self.sequence).as_str())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for AckEventsRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "consumer",
            "sequence",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Consumer,
            Sequence,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "consumer" => Ok(GeneratedField::Consumer),
                            "sequence" => Ok(GeneratedField::Sequence),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = AckEventsRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.AckEventsRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<AckEventsRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut consumer__ = None;
                let mut sequence__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Consumer => {
                            if consumer__.is_some() {
                                return Err(serde::de::Error::duplicate_field("consumer"));
                            }
                            consumer__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Sequence => {
                            if sequence__.is_some() {
                                return Err(serde::de::Error::duplicate_field("sequence"));
                            }
                            sequence__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(AckEventsRequest {
                    consumer: consumer__.unwrap_or_default(),
                    sequence: sequence__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.AckEventsRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for AckEventsResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.consumer.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.AckEventsResponse", len)?;
        if let Some(v) = self.consumer.as_ref() {
            struct_ser.serialize_field("consumer", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for AckEventsResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "consumer",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Consumer,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "consumer" => Ok(GeneratedField::Consumer),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = AckEventsResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.AckEventsResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<AckEventsResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut consumer__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Consumer => {
                            if consumer__.is_some() {
                                return Err(serde::de::Error::duplicate_field("consumer"));
                            }
                            consumer__ = map_.next_value()?;
                        }
                    }
                }
                Ok(AckEventsResponse {
                    consumer: consumer__,
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.AckEventsResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for AppendCondition {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.event_type.is_empty() {
            len += 1;
        }
        if self.agent_id.is_some() {
            len += 1;
        }
        if self.task_id.is_some() {
            len += 1;
        }
        if self.after_sequence != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.AppendCondition", len)?;
        if !self.event_type.is_empty() {
            struct_ser.serialize_field("event_type", &self.event_type)?;
        }
        if let Some(v) = self.agent_id.as_ref() {
            struct_ser.serialize_field("agent_id", v)?;
        }
        if let Some(v) = self.task_id.as_ref() {
            struct_ser.serialize_field("task_id", v)?;
        }
        if self.after_sequence != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("after_sequence", ToString::to_string(&self.after_sequence).as_str())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for AppendCondition {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "event_type",
            "eventType",
            "agent_id",
            "agentId",
            "task_id",
            "taskId",
            "after_sequence",
            "afterSequence",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            EventType,
            AgentId,
            TaskId,
            AfterSequence,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "eventType" | "event_type" => Ok(GeneratedField::EventType),
                            "agentId" | "agent_id" => Ok(GeneratedField::AgentId),
                            "taskId" | "task_id" => Ok(GeneratedField::TaskId),
                            "afterSequence" | "after_sequence" => Ok(GeneratedField::AfterSequence),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = AppendCondition;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.AppendCondition")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<AppendCondition, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut event_type__ = None;
                let mut agent_id__ = None;
                let mut task_id__ = None;
                let mut after_sequence__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::EventType => {
                            if event_type__.is_some() {
                                return Err(serde::de::Error::duplicate_field("eventType"));
                            }
                            event_type__ = Some(map_.next_value()?);
                        }
                        GeneratedField::AgentId => {
                            if agent_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("agentId"));
                            }
                            agent_id__ = map_.next_value()?;
                        }
                        GeneratedField::TaskId => {
                            if task_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskId"));
                            }
                            task_id__ = map_.next_value()?;
                        }
                        GeneratedField::AfterSequence => {
                            if after_sequence__.is_some() {
                                return Err(serde::de::Error::duplicate_field("afterSequence"));
                            }
                            after_sequence__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(AppendCondition {
                    event_type: event_type__.unwrap_or_default(),
                    agent_id: agent_id__,
                    task_id: task_id__,
                    after_sequence: after_sequence__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.AppendCondition", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for BatchEcho {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "BATCH_ECHO_UNSPECIFIED",
            Self::Auto => "BATCH_ECHO_AUTO",
            Self::Full => "BATCH_ECHO_FULL",
            Self::None => "BATCH_ECHO_NONE",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for BatchEcho {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "BATCH_ECHO_UNSPECIFIED",
            "BATCH_ECHO_AUTO",
            "BATCH_ECHO_FULL",
            "BATCH_ECHO_NONE",
        ];

        struct GeneratedVisitor;

        impl serde::de::Visitor<'_> for GeneratedVisitor {
            type Value = BatchEcho;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "BATCH_ECHO_UNSPECIFIED" => Ok(BatchEcho::Unspecified),
                    "BATCH_ECHO_AUTO" => Ok(BatchEcho::Auto),
                    "BATCH_ECHO_FULL" => Ok(BatchEcho::Full),
                    "BATCH_ECHO_NONE" => Ok(BatchEcho::None),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for ConsolidateRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.agent_id.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.ConsolidateRequest", len)?;
        if let Some(v) = self.agent_id.as_ref() {
            struct_ser.serialize_field("agent_id", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ConsolidateRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "agent_id",
            "agentId",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            AgentId,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "agentId" | "agent_id" => Ok(GeneratedField::AgentId),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ConsolidateRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.ConsolidateRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ConsolidateRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut agent_id__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::AgentId => {
                            if agent_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("agentId"));
                            }
                            agent_id__ = map_.next_value()?;
                        }
                    }
                }
                Ok(ConsolidateRequest {
                    agent_id: agent_id__,
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.ConsolidateRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ConsolidateResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.created.is_empty() {
            len += 1;
        }
        if !self.updated.is_empty() {
            len += 1;
        }
        if !self.expired.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.ConsolidateResponse", len)?;
        if !self.created.is_empty() {
            struct_ser.serialize_field("created", &self.created)?;
        }
        if !self.updated.is_empty() {
            struct_ser.serialize_field("updated", &self.updated)?;
        }
        if !self.expired.is_empty() {
            struct_ser.serialize_field("expired", &self.expired)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ConsolidateResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "created",
            "updated",
            "expired",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Created,
            Updated,
            Expired,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "created" => Ok(GeneratedField::Created),
                            "updated" => Ok(GeneratedField::Updated),
                            "expired" => Ok(GeneratedField::Expired),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ConsolidateResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.ConsolidateResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ConsolidateResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut created__ = None;
                let mut updated__ = None;
                let mut expired__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Created => {
                            if created__.is_some() {
                                return Err(serde::de::Error::duplicate_field("created"));
                            }
                            created__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Updated => {
                            if updated__.is_some() {
                                return Err(serde::de::Error::duplicate_field("updated"));
                            }
                            updated__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Expired => {
                            if expired__.is_some() {
                                return Err(serde::de::Error::duplicate_field("expired"));
                            }
                            expired__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ConsolidateResponse {
                    created: created__.unwrap_or_default(),
                    updated: updated__.unwrap_or_default(),
                    expired: expired__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.ConsolidateResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for Consumer {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.name.is_empty() {
            len += 1;
        }
        if self.acked_sequence != 0 {
            len += 1;
        }
        if self.head_sequence != 0 {
            len += 1;
        }
        if self.lag != 0 {
            len += 1;
        }
        if self.event_type.is_some() {
            len += 1;
        }
        if self.agent_id.is_some() {
            len += 1;
        }
        if self.task_id.is_some() {
            len += 1;
        }
        if self.min_importance != 0. {
            len += 1;
        }
        if self.updated_at.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.Consumer", len)?;
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        if self.acked_sequence != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("acked_sequence", ToString::to_string(&self.acked_sequence).as_str())?;
        }
        if self.head_sequence != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("head_sequence", ToString::to_string(&self.head_sequence).as_str())?;
        }
        if self.lag != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("lag", ToString::to_string(&self.lag).as_str())?;
        }
        if let Some(v) = self.event_type.as_ref() {
            struct_ser.serialize_field("event_type", v)?;
        }
        if let Some(v) = self.agent_id.as_ref() {
            struct_ser.serialize_field("agent_id", v)?;
        }
        if let Some(v) = self.task_id.as_ref() {
            struct_ser.serialize_field("task_id", v)?;
        }
        if self.min_importance != 0. {
            struct_ser.serialize_field("min_importance", &self.min_importance)?;
        }
        if let Some(v) = self.updated_at.as_ref() {
            struct_ser.serialize_field("updated_at", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Consumer {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "name",
            "acked_sequence",
            "ackedSequence",
            "head_sequence",
            "headSequence",
            "lag",
            "event_type",
            "eventType",
            "agent_id",
            "agentId",
            "task_id",
            "taskId",
            "min_importance",
            "minImportance",
            "updated_at",
            "updatedAt",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Name,
            AckedSequence,
            HeadSequence,
            Lag,
            EventType,
            AgentId,
            TaskId,
            MinImportance,
            UpdatedAt,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "name" => Ok(GeneratedField::Name),
                            "ackedSequence" | "acked_sequence" => Ok(GeneratedField::AckedSequence),
                            "headSequence" | "head_sequence" => Ok(GeneratedField::HeadSequence),
                            "lag" => Ok(GeneratedField::Lag),
                            "eventType" | "event_type" => Ok(GeneratedField::EventType),
                            "agentId" | "agent_id" => Ok(GeneratedField::AgentId),
                            "taskId" | "task_id" => Ok(GeneratedField::TaskId),
                            "minImportance" | "min_importance" => Ok(GeneratedField::MinImportance),
                            "updatedAt" | "updated_at" => Ok(GeneratedField::UpdatedAt),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Consumer;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.Consumer")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Consumer, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut name__ = None;
                let mut acked_sequence__ = None;
                let mut head_sequence__ = None;
                let mut lag__ = None;
                let mut event_type__ = None;
                let mut agent_id__ = None;
                let mut task_id__ = None;
                let mut min_importance__ = None;
                let mut updated_at__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                        GeneratedField::AckedSequence => {
                            if acked_sequence__.is_some() {
                                return Err(serde::de::Error::duplicate_field("ackedSequence"));
                            }
                            acked_sequence__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::HeadSequence => {
                            if head_sequence__.is_some() {
                                return Err(serde::de::Error::duplicate_field("headSequence"));
                            }
                            head_sequence__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Lag => {
                            if lag__.is_some() {
                                return Err(serde::de::Error::duplicate_field("lag"));
                            }
                            lag__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::EventType => {
                            if event_type__.is_some() {
                                return Err(serde::de::Error::duplicate_field("eventType"));
                            }
                            event_type__ = map_.next_value()?;
                        }
                        GeneratedField::AgentId => {
                            if agent_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("agentId"));
                            }
                            agent_id__ = map_.next_value()?;
                        }
                        GeneratedField::TaskId => {
                            if task_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskId"));
                            }
                            task_id__ = map_.next_value()?;
                        }
                        GeneratedField::MinImportance => {
                            if min_importance__.is_some() {
                                return Err(serde::de::Error::duplicate_field("minImportance"));
                            }
                            min_importance__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::UpdatedAt => {
                            if updated_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("updatedAt"));
                            }
                            updated_at__ = map_.next_value()?;
                        }
                    }
                }
                Ok(Consumer {
                    name: name__.unwrap_or_default(),
                    acked_sequence: acked_sequence__.unwrap_or_default(),
                    head_sequence: head_sequence__.unwrap_or_default(),
                    lag: lag__.unwrap_or_default(),
                    event_type: event_type__,
                    agent_id: agent_id__,
                    task_id: task_id__,
                    min_importance: min_importance__.unwrap_or_default(),
                    updated_at: updated_at__,
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.Consumer", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CountRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.target != 0 {
            len += 1;
        }
        if self.r#type.is_some() {
            len += 1;
        }
        if self.include_expired {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.CountRequest", len)?;
        if self.target != 0 {
            let v = CountTarget::try_from(self.target)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.target)))?;
            struct_ser.serialize_field("target", &v)?;
        }
        if let Some(v) = self.r#type.as_ref() {
            struct_ser.serialize_field("type", v)?;
        }
        if self.include_expired {
            struct_ser.serialize_field("include_expired", &self.include_expired)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CountRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "target",
            "type",
            "include_expired",
            "includeExpired",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Target,
            Type,
            IncludeExpired,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "target" => Ok(GeneratedField::Target),
                            "type" => Ok(GeneratedField::Type),
                            "includeExpired" | "include_expired" => Ok(GeneratedField::IncludeExpired),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CountRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.CountRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CountRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut target__ = None;
                let mut r#type__ = None;
                let mut include_expired__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Target => {
                            if target__.is_some() {
                                return Err(serde::de::Error::duplicate_field("target"));
                            }
                            target__ = Some(map_.next_value::<CountTarget>()? as i32);
                        }
                        GeneratedField::Type => {
                            if r#type__.is_some() {
                                return Err(serde::de::Error::duplicate_field("type"));
                            }
                            r#type__ = map_.next_value()?;
                        }
                        GeneratedField::IncludeExpired => {
                            if include_expired__.is_some() {
                                return Err(serde::de::Error::duplicate_field("includeExpired"));
                            }
                            include_expired__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(CountRequest {
                    target: target__.unwrap_or_default(),
                    r#type: r#type__,
                    include_expired: include_expired__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.CountRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CountResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.count != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.CountResponse", len)?;
        if self.count != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("count", ToString::to_string(&self.count).as_str())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for CountResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "count",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Count,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "count" => Ok(GeneratedField::Count),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = CountResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.CountResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<CountResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut count__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Count => {
                            if count__.is_some() {
                                return Err(serde::de::Error::duplicate_field("count"));
                            }
                            count__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(CountResponse {
                    count: count__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.CountResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for CountTarget {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "COUNT_TARGET_UNSPECIFIED",
            Self::Events => "COUNT_TARGET_EVENTS",
            Self::Memories => "COUNT_TARGET_MEMORIES",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for CountTarget {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "COUNT_TARGET_UNSPECIFIED",
            "COUNT_TARGET_EVENTS",
            "COUNT_TARGET_MEMORIES",
        ];

        struct GeneratedVisitor;

        impl serde::de::Visitor<'_> for GeneratedVisitor {
            type Value = CountTarget;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "COUNT_TARGET_UNSPECIFIED" => Ok(CountTarget::Unspecified),
                    "COUNT_TARGET_EVENTS" => Ok(CountTarget::Events),
                    "COUNT_TARGET_MEMORIES" => Ok(CountTarget::Memories),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for DeleteConsumerRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.name.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.DeleteConsumerRequest", len)?;
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for DeleteConsumerRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "name",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Name,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "name" => Ok(GeneratedField::Name),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = DeleteConsumerRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.DeleteConsumerRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<DeleteConsumerRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut name__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(DeleteConsumerRequest {
                    name: name__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.DeleteConsumerRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for DeleteConsumerResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.consumer.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.DeleteConsumerResponse", len)?;
        if let Some(v) = self.consumer.as_ref() {
            struct_ser.serialize_field("consumer", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for DeleteConsumerResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "consumer",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Consumer,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "consumer" => Ok(GeneratedField::Consumer),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = DeleteConsumerResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.DeleteConsumerResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<DeleteConsumerResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut consumer__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Consumer => {
                            if consumer__.is_some() {
                                return Err(serde::de::Error::duplicate_field("consumer"));
                            }
                            consumer__ = map_.next_value()?;
                        }
                    }
                }
                Ok(DeleteConsumerResponse {
                    consumer: consumer__,
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.DeleteConsumerResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for DeleteMemoryRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.id.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.DeleteMemoryRequest", len)?;
        if !self.id.is_empty() {
            struct_ser.serialize_field("id", &self.id)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for DeleteMemoryRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "id",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Id,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "id" => Ok(GeneratedField::Id),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = DeleteMemoryRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.DeleteMemoryRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<DeleteMemoryRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut id__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Id => {
                            if id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("id"));
                            }
                            id__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(DeleteMemoryRequest {
                    id: id__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.DeleteMemoryRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for DeleteMemoryResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.memory.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.DeleteMemoryResponse", len)?;
        if let Some(v) = self.memory.as_ref() {
            struct_ser.serialize_field("memory", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for DeleteMemoryResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "memory",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Memory,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "memory" => Ok(GeneratedField::Memory),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = DeleteMemoryResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.DeleteMemoryResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<DeleteMemoryResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut memory__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Memory => {
                            if memory__.is_some() {
                                return Err(serde::de::Error::duplicate_field("memory"));
                            }
                            memory__ = map_.next_value()?;
                        }
                    }
                }
                Ok(DeleteMemoryResponse {
                    memory: memory__,
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.DeleteMemoryResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for Event {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.id.is_empty() {
            len += 1;
        }
        if !self.event_type.is_empty() {
            len += 1;
        }
        if self.agent_id.is_some() {
            len += 1;
        }
        if self.task_id.is_some() {
            len += 1;
        }
        if !self.description.is_empty() {
            len += 1;
        }
        if !self.data.is_empty() {
            len += 1;
        }
        if self.importance != 0. {
            len += 1;
        }
        if self.created_at.is_some() {
            len += 1;
        }
        if self.sequence != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.Event", len)?;
        if !self.id.is_empty() {
            struct_ser.serialize_field("id", &self.id)?;
        }
        if !self.event_type.is_empty() {
            struct_ser.serialize_field("event_type", &self.event_type)?;
        }
        if let Some(v) = self.agent_id.as_ref() {
            struct_ser.serialize_field("agent_id", v)?;
        }
        if let Some(v) = self.task_id.as_ref() {
            struct_ser.serialize_field("task_id", v)?;
        }
        if !self.description.is_empty() {
            struct_ser.serialize_field("description", &self.description)?;
        }
        if !self.data.is_empty() {
            struct_ser.serialize_field("data", &self.data)?;
        }
        if self.importance != 0. {
            struct_ser.serialize_field("importance", &self.importance)?;
        }
        if let Some(v) = self.created_at.as_ref() {
            struct_ser.serialize_field("created_at", v)?;
        }
        if self.sequence != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("sequence", ToString::to_string(&self.sequence).as_str())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Event {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "id",
            "event_type",
            "eventType",
            "agent_id",
            "agentId",
            "task_id",
            "taskId",
            "description",
            "data",
            "importance",
            "created_at",
            "createdAt",
            "sequence",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Id,
            EventType,
            AgentId,
            TaskId,
            Description,
            Data,
            Importance,
            CreatedAt,
            Sequence,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "id" => Ok(GeneratedField::Id),
                            "eventType" | "event_type" => Ok(GeneratedField::EventType),
                            "agentId" | "agent_id" => Ok(GeneratedField::AgentId),
                            "taskId" | "task_id" => Ok(GeneratedField::TaskId),
                            "description" => Ok(GeneratedField::Description),
                            "data" => Ok(GeneratedField::Data),
                            "importance" => Ok(GeneratedField::Importance),
                            "createdAt" | "created_at" => Ok(GeneratedField::CreatedAt),
                            "sequence" => Ok(GeneratedField::Sequence),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Event;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.Event")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Event, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut id__ = None;
                let mut event_type__ = None;
                let mut agent_id__ = None;
                let mut task_id__ = None;
                let mut description__ = None;
                let mut data__ = None;
                let mut importance__ = None;
                let mut created_at__ = None;
                let mut sequence__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Id => {
                            if id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("id"));
                            }
                            id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::EventType => {
                            if event_type__.is_some() {
                                return Err(serde::de::Error::duplicate_field("eventType"));
                            }
                            event_type__ = Some(map_.next_value()?);
                        }
                        GeneratedField::AgentId => {
                            if agent_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("agentId"));
                            }
                            agent_id__ = map_.next_value()?;
                        }
                        GeneratedField::TaskId => {
                            if task_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskId"));
                            }
                            task_id__ = map_.next_value()?;
                        }
                        GeneratedField::Description => {
                            if description__.is_some() {
                                return Err(serde::de::Error::duplicate_field("description"));
                            }
                            description__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Data => {
                            if data__.is_some() {
                                return Err(serde::de::Error::duplicate_field("data"));
                            }
                            data__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Importance => {
                            if importance__.is_some() {
                                return Err(serde::de::Error::duplicate_field("importance"));
                            }
                            importance__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::CreatedAt => {
                            if created_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("createdAt"));
                            }
                            created_at__ = map_.next_value()?;
                        }
                        GeneratedField::Sequence => {
                            if sequence__.is_some() {
                                return Err(serde::de::Error::duplicate_field("sequence"));
                            }
                            sequence__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(Event {
                    id: id__.unwrap_or_default(),
                    event_type: event_type__.unwrap_or_default(),
                    agent_id: agent_id__,
                    task_id: task_id__,
                    description: description__.unwrap_or_default(),
                    data: data__.unwrap_or_default(),
                    importance: importance__.unwrap_or_default(),
                    created_at: created_at__,
                    sequence: sequence__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.Event", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for EventAck {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.id.is_empty() {
            len += 1;
        }
        if self.sequence != 0 {
            len += 1;
        }
        if self.duplicate {
            len += 1;
        }
        if self.created_at.is_some() {
            len += 1;
        }
        if self.importance != 0. {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.EventAck", len)?;
        if !self.id.is_empty() {
            struct_ser.serialize_field("id", &self.id)?;
        }
        if self.sequence != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("sequence", ToString::to_string(&self.sequence).as_str())?;
        }
        if self.duplicate {
            struct_ser.serialize_field("duplicate", &self.duplicate)?;
        }
        if let Some(v) = self.created_at.as_ref() {
            struct_ser.serialize_field("created_at", v)?;
        }
        if self.importance != 0. {
            struct_ser.serialize_field("importance", &self.importance)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for EventAck {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "id",
            "sequence",
            "duplicate",
            "created_at",
            "createdAt",
            "importance",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Id,
            Sequence,
            Duplicate,
            CreatedAt,
            Importance,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "id" => Ok(GeneratedField::Id),
                            "sequence" => Ok(GeneratedField::Sequence),
                            "duplicate" => Ok(GeneratedField::Duplicate),
                            "createdAt" | "created_at" => Ok(GeneratedField::CreatedAt),
                            "importance" => Ok(GeneratedField::Importance),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = EventAck;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.EventAck")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<EventAck, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut id__ = None;
                let mut sequence__ = None;
                let mut duplicate__ = None;
                let mut created_at__ = None;
                let mut importance__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Id => {
                            if id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("id"));
                            }
                            id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Sequence => {
                            if sequence__.is_some() {
                                return Err(serde::de::Error::duplicate_field("sequence"));
                            }
                            sequence__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Duplicate => {
                            if duplicate__.is_some() {
                                return Err(serde::de::Error::duplicate_field("duplicate"));
                            }
                            duplicate__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CreatedAt => {
                            if created_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("createdAt"));
                            }
                            created_at__ = map_.next_value()?;
                        }
                        GeneratedField::Importance => {
                            if importance__.is_some() {
                                return Err(serde::de::Error::duplicate_field("importance"));
                            }
                            importance__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(EventAck {
                    id: id__.unwrap_or_default(),
                    sequence: sequence__.unwrap_or_default(),
                    duplicate: duplicate__.unwrap_or_default(),
                    created_at: created_at__,
                    importance: importance__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.EventAck", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for EventHit {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.event.is_some() {
            len += 1;
        }
        if self.score != 0. {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.EventHit", len)?;
        if let Some(v) = self.event.as_ref() {
            struct_ser.serialize_field("event", v)?;
        }
        if self.score != 0. {
            struct_ser.serialize_field("score", &self.score)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for EventHit {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "event",
            "score",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Event,
            Score,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "event" => Ok(GeneratedField::Event),
                            "score" => Ok(GeneratedField::Score),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = EventHit;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.EventHit")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<EventHit, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut event__ = None;
                let mut score__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Event => {
                            if event__.is_some() {
                                return Err(serde::de::Error::duplicate_field("event"));
                            }
                            event__ = map_.next_value()?;
                        }
                        GeneratedField::Score => {
                            if score__.is_some() {
                                return Err(serde::de::Error::duplicate_field("score"));
                            }
                            score__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(EventHit {
                    event: event__,
                    score: score__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.EventHit", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for GetConsumerRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.name.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.GetConsumerRequest", len)?;
        if !self.name.is_empty() {
            struct_ser.serialize_field("name", &self.name)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for GetConsumerRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "name",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Name,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "name" => Ok(GeneratedField::Name),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = GetConsumerRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.GetConsumerRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<GetConsumerRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut name__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Name => {
                            if name__.is_some() {
                                return Err(serde::de::Error::duplicate_field("name"));
                            }
                            name__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(GetConsumerRequest {
                    name: name__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.GetConsumerRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListConsumersRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let len = 0;
        let struct_ser = serializer.serialize_struct("spark.v1.ListConsumersRequest", len)?;
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListConsumersRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                            Err(serde::de::Error::unknown_field(value, FIELDS))
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListConsumersRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.ListConsumersRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListConsumersRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                while map_.next_key::<GeneratedField>()?.is_some() {
                    let _ = map_.next_value::<serde::de::IgnoredAny>()?;
                }
                Ok(ListConsumersRequest {
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.ListConsumersRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListConsumersResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.consumers.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.ListConsumersResponse", len)?;
        if !self.consumers.is_empty() {
            struct_ser.serialize_field("consumers", &self.consumers)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListConsumersResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "consumers",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Consumers,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "consumers" => Ok(GeneratedField::Consumers),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListConsumersResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.ListConsumersResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListConsumersResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut consumers__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Consumers => {
                            if consumers__.is_some() {
                                return Err(serde::de::Error::duplicate_field("consumers"));
                            }
                            consumers__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ListConsumersResponse {
                    consumers: consumers__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.ListConsumersResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListEventsRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.event_type.is_some() {
            len += 1;
        }
        if self.agent_id.is_some() {
            len += 1;
        }
        if self.task_id.is_some() {
            len += 1;
        }
        if self.min_importance != 0. {
            len += 1;
        }
        if self.since.is_some() {
            len += 1;
        }
        if self.until.is_some() {
            len += 1;
        }
        if self.after_sequence != 0 {
            len += 1;
        }
        if self.limit != 0 {
            len += 1;
        }
        if self.order != 0 {
            len += 1;
        }
        if self.follow {
            len += 1;
        }
        if !self.consumer.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.ListEventsRequest", len)?;
        if let Some(v) = self.event_type.as_ref() {
            struct_ser.serialize_field("event_type", v)?;
        }
        if let Some(v) = self.agent_id.as_ref() {
            struct_ser.serialize_field("agent_id", v)?;
        }
        if let Some(v) = self.task_id.as_ref() {
            struct_ser.serialize_field("task_id", v)?;
        }
        if self.min_importance != 0. {
            struct_ser.serialize_field("min_importance", &self.min_importance)?;
        }
        if let Some(v) = self.since.as_ref() {
            struct_ser.serialize_field("since", v)?;
        }
        if let Some(v) = self.until.as_ref() {
            struct_ser.serialize_field("until", v)?;
        }
        if self.after_sequence != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("after_sequence", ToString::to_string(&self.after_sequence).as_str())?;
        }
        if self.limit != 0 {
            struct_ser.serialize_field("limit", &self.limit)?;
        }
        if self.order != 0 {
            let v = Order::try_from(self.order)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.order)))?;
            struct_ser.serialize_field("order", &v)?;
        }
        if self.follow {
            struct_ser.serialize_field("follow", &self.follow)?;
        }
        if !self.consumer.is_empty() {
            struct_ser.serialize_field("consumer", &self.consumer)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListEventsRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "event_type",
            "eventType",
            "agent_id",
            "agentId",
            "task_id",
            "taskId",
            "min_importance",
            "minImportance",
            "since",
            "until",
            "after_sequence",
            "afterSequence",
            "limit",
            "order",
            "follow",
            "consumer",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            EventType,
            AgentId,
            TaskId,
            MinImportance,
            Since,
            Until,
            AfterSequence,
            Limit,
            Order,
            Follow,
            Consumer,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "eventType" | "event_type" => Ok(GeneratedField::EventType),
                            "agentId" | "agent_id" => Ok(GeneratedField::AgentId),
                            "taskId" | "task_id" => Ok(GeneratedField::TaskId),
                            "minImportance" | "min_importance" => Ok(GeneratedField::MinImportance),
                            "since" => Ok(GeneratedField::Since),
                            "until" => Ok(GeneratedField::Until),
                            "afterSequence" | "after_sequence" => Ok(GeneratedField::AfterSequence),
                            "limit" => Ok(GeneratedField::Limit),
                            "order" => Ok(GeneratedField::Order),
                            "follow" => Ok(GeneratedField::Follow),
                            "consumer" => Ok(GeneratedField::Consumer),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListEventsRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.ListEventsRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListEventsRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut event_type__ = None;
                let mut agent_id__ = None;
                let mut task_id__ = None;
                let mut min_importance__ = None;
                let mut since__ = None;
                let mut until__ = None;
                let mut after_sequence__ = None;
                let mut limit__ = None;
                let mut order__ = None;
                let mut follow__ = None;
                let mut consumer__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::EventType => {
                            if event_type__.is_some() {
                                return Err(serde::de::Error::duplicate_field("eventType"));
                            }
                            event_type__ = map_.next_value()?;
                        }
                        GeneratedField::AgentId => {
                            if agent_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("agentId"));
                            }
                            agent_id__ = map_.next_value()?;
                        }
                        GeneratedField::TaskId => {
                            if task_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskId"));
                            }
                            task_id__ = map_.next_value()?;
                        }
                        GeneratedField::MinImportance => {
                            if min_importance__.is_some() {
                                return Err(serde::de::Error::duplicate_field("minImportance"));
                            }
                            min_importance__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Since => {
                            if since__.is_some() {
                                return Err(serde::de::Error::duplicate_field("since"));
                            }
                            since__ = map_.next_value()?;
                        }
                        GeneratedField::Until => {
                            if until__.is_some() {
                                return Err(serde::de::Error::duplicate_field("until"));
                            }
                            until__ = map_.next_value()?;
                        }
                        GeneratedField::AfterSequence => {
                            if after_sequence__.is_some() {
                                return Err(serde::de::Error::duplicate_field("afterSequence"));
                            }
                            after_sequence__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Limit => {
                            if limit__.is_some() {
                                return Err(serde::de::Error::duplicate_field("limit"));
                            }
                            limit__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Order => {
                            if order__.is_some() {
                                return Err(serde::de::Error::duplicate_field("order"));
                            }
                            order__ = Some(map_.next_value::<Order>()? as i32);
                        }
                        GeneratedField::Follow => {
                            if follow__.is_some() {
                                return Err(serde::de::Error::duplicate_field("follow"));
                            }
                            follow__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Consumer => {
                            if consumer__.is_some() {
                                return Err(serde::de::Error::duplicate_field("consumer"));
                            }
                            consumer__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ListEventsRequest {
                    event_type: event_type__,
                    agent_id: agent_id__,
                    task_id: task_id__,
                    min_importance: min_importance__.unwrap_or_default(),
                    since: since__,
                    until: until__,
                    after_sequence: after_sequence__.unwrap_or_default(),
                    limit: limit__.unwrap_or_default(),
                    order: order__.unwrap_or_default(),
                    follow: follow__.unwrap_or_default(),
                    consumer: consumer__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.ListEventsRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListEventsResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.events.is_empty() {
            len += 1;
        }
        if self.caught_up {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.ListEventsResponse", len)?;
        if !self.events.is_empty() {
            struct_ser.serialize_field("events", &self.events)?;
        }
        if self.caught_up {
            struct_ser.serialize_field("caught_up", &self.caught_up)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListEventsResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "events",
            "caught_up",
            "caughtUp",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Events,
            CaughtUp,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "events" => Ok(GeneratedField::Events),
                            "caughtUp" | "caught_up" => Ok(GeneratedField::CaughtUp),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListEventsResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.ListEventsResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListEventsResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut events__ = None;
                let mut caught_up__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Events => {
                            if events__.is_some() {
                                return Err(serde::de::Error::duplicate_field("events"));
                            }
                            events__ = Some(map_.next_value()?);
                        }
                        GeneratedField::CaughtUp => {
                            if caught_up__.is_some() {
                                return Err(serde::de::Error::duplicate_field("caughtUp"));
                            }
                            caught_up__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ListEventsResponse {
                    events: events__.unwrap_or_default(),
                    caught_up: caught_up__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.ListEventsResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListMemoriesRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.memory_type.is_some() {
            len += 1;
        }
        if self.subject.is_some() {
            len += 1;
        }
        if self.min_confidence != 0. {
            len += 1;
        }
        if self.limit != 0 {
            len += 1;
        }
        if self.include_expired {
            len += 1;
        }
        if self.as_of.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.ListMemoriesRequest", len)?;
        if let Some(v) = self.memory_type.as_ref() {
            struct_ser.serialize_field("memory_type", v)?;
        }
        if let Some(v) = self.subject.as_ref() {
            struct_ser.serialize_field("subject", v)?;
        }
        if self.min_confidence != 0. {
            struct_ser.serialize_field("min_confidence", &self.min_confidence)?;
        }
        if self.limit != 0 {
            struct_ser.serialize_field("limit", &self.limit)?;
        }
        if self.include_expired {
            struct_ser.serialize_field("include_expired", &self.include_expired)?;
        }
        if let Some(v) = self.as_of.as_ref() {
            struct_ser.serialize_field("as_of", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListMemoriesRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "memory_type",
            "memoryType",
            "subject",
            "min_confidence",
            "minConfidence",
            "limit",
            "include_expired",
            "includeExpired",
            "as_of",
            "asOf",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            MemoryType,
            Subject,
            MinConfidence,
            Limit,
            IncludeExpired,
            AsOf,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "memoryType" | "memory_type" => Ok(GeneratedField::MemoryType),
                            "subject" => Ok(GeneratedField::Subject),
                            "minConfidence" | "min_confidence" => Ok(GeneratedField::MinConfidence),
                            "limit" => Ok(GeneratedField::Limit),
                            "includeExpired" | "include_expired" => Ok(GeneratedField::IncludeExpired),
                            "asOf" | "as_of" => Ok(GeneratedField::AsOf),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListMemoriesRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.ListMemoriesRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListMemoriesRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut memory_type__ = None;
                let mut subject__ = None;
                let mut min_confidence__ = None;
                let mut limit__ = None;
                let mut include_expired__ = None;
                let mut as_of__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::MemoryType => {
                            if memory_type__.is_some() {
                                return Err(serde::de::Error::duplicate_field("memoryType"));
                            }
                            memory_type__ = map_.next_value()?;
                        }
                        GeneratedField::Subject => {
                            if subject__.is_some() {
                                return Err(serde::de::Error::duplicate_field("subject"));
                            }
                            subject__ = map_.next_value()?;
                        }
                        GeneratedField::MinConfidence => {
                            if min_confidence__.is_some() {
                                return Err(serde::de::Error::duplicate_field("minConfidence"));
                            }
                            min_confidence__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Limit => {
                            if limit__.is_some() {
                                return Err(serde::de::Error::duplicate_field("limit"));
                            }
                            limit__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::IncludeExpired => {
                            if include_expired__.is_some() {
                                return Err(serde::de::Error::duplicate_field("includeExpired"));
                            }
                            include_expired__ = Some(map_.next_value()?);
                        }
                        GeneratedField::AsOf => {
                            if as_of__.is_some() {
                                return Err(serde::de::Error::duplicate_field("asOf"));
                            }
                            as_of__ = map_.next_value()?;
                        }
                    }
                }
                Ok(ListMemoriesRequest {
                    memory_type: memory_type__,
                    subject: subject__,
                    min_confidence: min_confidence__.unwrap_or_default(),
                    limit: limit__.unwrap_or_default(),
                    include_expired: include_expired__.unwrap_or_default(),
                    as_of: as_of__,
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.ListMemoriesRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListMemoriesResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.memories.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.ListMemoriesResponse", len)?;
        if !self.memories.is_empty() {
            struct_ser.serialize_field("memories", &self.memories)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListMemoriesResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "memories",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Memories,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "memories" => Ok(GeneratedField::Memories),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListMemoriesResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.ListMemoriesResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListMemoriesResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut memories__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Memories => {
                            if memories__.is_some() {
                                return Err(serde::de::Error::duplicate_field("memories"));
                            }
                            memories__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ListMemoriesResponse {
                    memories: memories__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.ListMemoriesResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListMemoryRevisionsRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.memory_id.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.ListMemoryRevisionsRequest", len)?;
        if !self.memory_id.is_empty() {
            struct_ser.serialize_field("memory_id", &self.memory_id)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListMemoryRevisionsRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "memory_id",
            "memoryId",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            MemoryId,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "memoryId" | "memory_id" => Ok(GeneratedField::MemoryId),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListMemoryRevisionsRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.ListMemoryRevisionsRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListMemoryRevisionsRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut memory_id__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::MemoryId => {
                            if memory_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("memoryId"));
                            }
                            memory_id__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ListMemoryRevisionsRequest {
                    memory_id: memory_id__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.ListMemoryRevisionsRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for ListMemoryRevisionsResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.revisions.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.ListMemoryRevisionsResponse", len)?;
        if !self.revisions.is_empty() {
            struct_ser.serialize_field("revisions", &self.revisions)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for ListMemoryRevisionsResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "revisions",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Revisions,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "revisions" => Ok(GeneratedField::Revisions),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = ListMemoryRevisionsResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.ListMemoryRevisionsResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<ListMemoryRevisionsResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut revisions__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Revisions => {
                            if revisions__.is_some() {
                                return Err(serde::de::Error::duplicate_field("revisions"));
                            }
                            revisions__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(ListMemoryRevisionsResponse {
                    revisions: revisions__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.ListMemoryRevisionsResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for Memory {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.id.is_empty() {
            len += 1;
        }
        if !self.memory_type.is_empty() {
            len += 1;
        }
        if !self.subject.is_empty() {
            len += 1;
        }
        if !self.content.is_empty() {
            len += 1;
        }
        if self.confidence != 0. {
            len += 1;
        }
        if self.source_events != 0 {
            len += 1;
        }
        if self.created_at.is_some() {
            len += 1;
        }
        if self.expires_at.is_some() {
            len += 1;
        }
        if self.updated_at.is_some() {
            len += 1;
        }
        if !self.rule.is_empty() {
            len += 1;
        }
        if !self.source_event_ids.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.Memory", len)?;
        if !self.id.is_empty() {
            struct_ser.serialize_field("id", &self.id)?;
        }
        if !self.memory_type.is_empty() {
            struct_ser.serialize_field("memory_type", &self.memory_type)?;
        }
        if !self.subject.is_empty() {
            struct_ser.serialize_field("subject", &self.subject)?;
        }
        if !self.content.is_empty() {
            struct_ser.serialize_field("content", &self.content)?;
        }
        if self.confidence != 0. {
            struct_ser.serialize_field("confidence", &self.confidence)?;
        }
        if self.source_events != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("source_events", ToString::to_string(&self.source_events).as_str())?;
        }
        if let Some(v) = self.created_at.as_ref() {
            struct_ser.serialize_field("created_at", v)?;
        }
        if let Some(v) = self.expires_at.as_ref() {
            struct_ser.serialize_field("expires_at", v)?;
        }
        if let Some(v) = self.updated_at.as_ref() {
            struct_ser.serialize_field("updated_at", v)?;
        }
        if !self.rule.is_empty() {
            struct_ser.serialize_field("rule", &self.rule)?;
        }
        if !self.source_event_ids.is_empty() {
            struct_ser.serialize_field("source_event_ids", &self.source_event_ids)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for Memory {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "id",
            "memory_type",
            "memoryType",
            "subject",
            "content",
            "confidence",
            "source_events",
            "sourceEvents",
            "created_at",
            "createdAt",
            "expires_at",
            "expiresAt",
            "updated_at",
            "updatedAt",
            "rule",
            "source_event_ids",
            "sourceEventIds",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Id,
            MemoryType,
            Subject,
            Content,
            Confidence,
            SourceEvents,
            CreatedAt,
            ExpiresAt,
            UpdatedAt,
            Rule,
            SourceEventIds,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "id" => Ok(GeneratedField::Id),
                            "memoryType" | "memory_type" => Ok(GeneratedField::MemoryType),
                            "subject" => Ok(GeneratedField::Subject),
                            "content" => Ok(GeneratedField::Content),
                            "confidence" => Ok(GeneratedField::Confidence),
                            "sourceEvents" | "source_events" => Ok(GeneratedField::SourceEvents),
                            "createdAt" | "created_at" => Ok(GeneratedField::CreatedAt),
                            "expiresAt" | "expires_at" => Ok(GeneratedField::ExpiresAt),
                            "updatedAt" | "updated_at" => Ok(GeneratedField::UpdatedAt),
                            "rule" => Ok(GeneratedField::Rule),
                            "sourceEventIds" | "source_event_ids" => Ok(GeneratedField::SourceEventIds),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = Memory;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.Memory")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<Memory, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut id__ = None;
                let mut memory_type__ = None;
                let mut subject__ = None;
                let mut content__ = None;
                let mut confidence__ = None;
                let mut source_events__ = None;
                let mut created_at__ = None;
                let mut expires_at__ = None;
                let mut updated_at__ = None;
                let mut rule__ = None;
                let mut source_event_ids__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Id => {
                            if id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("id"));
                            }
                            id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::MemoryType => {
                            if memory_type__.is_some() {
                                return Err(serde::de::Error::duplicate_field("memoryType"));
                            }
                            memory_type__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Subject => {
                            if subject__.is_some() {
                                return Err(serde::de::Error::duplicate_field("subject"));
                            }
                            subject__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Content => {
                            if content__.is_some() {
                                return Err(serde::de::Error::duplicate_field("content"));
                            }
                            content__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Confidence => {
                            if confidence__.is_some() {
                                return Err(serde::de::Error::duplicate_field("confidence"));
                            }
                            confidence__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::SourceEvents => {
                            if source_events__.is_some() {
                                return Err(serde::de::Error::duplicate_field("sourceEvents"));
                            }
                            source_events__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::CreatedAt => {
                            if created_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("createdAt"));
                            }
                            created_at__ = map_.next_value()?;
                        }
                        GeneratedField::ExpiresAt => {
                            if expires_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("expiresAt"));
                            }
                            expires_at__ = map_.next_value()?;
                        }
                        GeneratedField::UpdatedAt => {
                            if updated_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("updatedAt"));
                            }
                            updated_at__ = map_.next_value()?;
                        }
                        GeneratedField::Rule => {
                            if rule__.is_some() {
                                return Err(serde::de::Error::duplicate_field("rule"));
                            }
                            rule__ = Some(map_.next_value()?);
                        }
                        GeneratedField::SourceEventIds => {
                            if source_event_ids__.is_some() {
                                return Err(serde::de::Error::duplicate_field("sourceEventIds"));
                            }
                            source_event_ids__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(Memory {
                    id: id__.unwrap_or_default(),
                    memory_type: memory_type__.unwrap_or_default(),
                    subject: subject__.unwrap_or_default(),
                    content: content__.unwrap_or_default(),
                    confidence: confidence__.unwrap_or_default(),
                    source_events: source_events__.unwrap_or_default(),
                    created_at: created_at__,
                    expires_at: expires_at__,
                    updated_at: updated_at__,
                    rule: rule__.unwrap_or_default(),
                    source_event_ids: source_event_ids__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.Memory", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for MemoryChangeKind {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "MEMORY_CHANGE_KIND_UNSPECIFIED",
            Self::Existing => "MEMORY_CHANGE_KIND_EXISTING",
            Self::Created => "MEMORY_CHANGE_KIND_CREATED",
            Self::Updated => "MEMORY_CHANGE_KIND_UPDATED",
            Self::Expired => "MEMORY_CHANGE_KIND_EXPIRED",
            Self::Deleted => "MEMORY_CHANGE_KIND_DELETED",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for MemoryChangeKind {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "MEMORY_CHANGE_KIND_UNSPECIFIED",
            "MEMORY_CHANGE_KIND_EXISTING",
            "MEMORY_CHANGE_KIND_CREATED",
            "MEMORY_CHANGE_KIND_UPDATED",
            "MEMORY_CHANGE_KIND_EXPIRED",
            "MEMORY_CHANGE_KIND_DELETED",
        ];

        struct GeneratedVisitor;

        impl serde::de::Visitor<'_> for GeneratedVisitor {
            type Value = MemoryChangeKind;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "MEMORY_CHANGE_KIND_UNSPECIFIED" => Ok(MemoryChangeKind::Unspecified),
                    "MEMORY_CHANGE_KIND_EXISTING" => Ok(MemoryChangeKind::Existing),
                    "MEMORY_CHANGE_KIND_CREATED" => Ok(MemoryChangeKind::Created),
                    "MEMORY_CHANGE_KIND_UPDATED" => Ok(MemoryChangeKind::Updated),
                    "MEMORY_CHANGE_KIND_EXPIRED" => Ok(MemoryChangeKind::Expired),
                    "MEMORY_CHANGE_KIND_DELETED" => Ok(MemoryChangeKind::Deleted),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for MemoryHit {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.memory.is_some() {
            len += 1;
        }
        if self.score != 0. {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.MemoryHit", len)?;
        if let Some(v) = self.memory.as_ref() {
            struct_ser.serialize_field("memory", v)?;
        }
        if self.score != 0. {
            struct_ser.serialize_field("score", &self.score)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for MemoryHit {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "memory",
            "score",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Memory,
            Score,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "memory" => Ok(GeneratedField::Memory),
                            "score" => Ok(GeneratedField::Score),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = MemoryHit;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.MemoryHit")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<MemoryHit, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut memory__ = None;
                let mut score__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Memory => {
                            if memory__.is_some() {
                                return Err(serde::de::Error::duplicate_field("memory"));
                            }
                            memory__ = map_.next_value()?;
                        }
                        GeneratedField::Score => {
                            if score__.is_some() {
                                return Err(serde::de::Error::duplicate_field("score"));
                            }
                            score__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(MemoryHit {
                    memory: memory__,
                    score: score__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.MemoryHit", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for MemoryRevision {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.revision != 0 {
            len += 1;
        }
        if self.kind != 0 {
            len += 1;
        }
        if self.memory.is_some() {
            len += 1;
        }
        if !self.actor.is_empty() {
            len += 1;
        }
        if self.changed_at.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.MemoryRevision", len)?;
        if self.revision != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("revision", ToString::to_string(&self.revision).as_str())?;
        }
        if self.kind != 0 {
            let v = MemoryChangeKind::try_from(self.kind)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.kind)))?;
            struct_ser.serialize_field("kind", &v)?;
        }
        if let Some(v) = self.memory.as_ref() {
            struct_ser.serialize_field("memory", v)?;
        }
        if !self.actor.is_empty() {
            struct_ser.serialize_field("actor", &self.actor)?;
        }
        if let Some(v) = self.changed_at.as_ref() {
            struct_ser.serialize_field("changed_at", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for MemoryRevision {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "revision",
            "kind",
            "memory",
            "actor",
            "changed_at",
            "changedAt",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Revision,
            Kind,
            Memory,
            Actor,
            ChangedAt,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "revision" => Ok(GeneratedField::Revision),
                            "kind" => Ok(GeneratedField::Kind),
                            "memory" => Ok(GeneratedField::Memory),
                            "actor" => Ok(GeneratedField::Actor),
                            "changedAt" | "changed_at" => Ok(GeneratedField::ChangedAt),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = MemoryRevision;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.MemoryRevision")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<MemoryRevision, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut revision__ = None;
                let mut kind__ = None;
                let mut memory__ = None;
                let mut actor__ = None;
                let mut changed_at__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Revision => {
                            if revision__.is_some() {
                                return Err(serde::de::Error::duplicate_field("revision"));
                            }
                            revision__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Kind => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("kind"));
                            }
                            kind__ = Some(map_.next_value::<MemoryChangeKind>()? as i32);
                        }
                        GeneratedField::Memory => {
                            if memory__.is_some() {
                                return Err(serde::de::Error::duplicate_field("memory"));
                            }
                            memory__ = map_.next_value()?;
                        }
                        GeneratedField::Actor => {
                            if actor__.is_some() {
                                return Err(serde::de::Error::duplicate_field("actor"));
                            }
                            actor__ = Some(map_.next_value()?);
                        }
                        GeneratedField::ChangedAt => {
                            if changed_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("changedAt"));
                            }
                            changed_at__ = map_.next_value()?;
                        }
                    }
                }
                Ok(MemoryRevision {
                    revision: revision__.unwrap_or_default(),
                    kind: kind__.unwrap_or_default(),
                    memory: memory__,
                    actor: actor__.unwrap_or_default(),
                    changed_at: changed_at__,
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.MemoryRevision", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for Order {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        let variant = match self {
            Self::Unspecified => "ORDER_UNSPECIFIED",
            Self::NewestFirst => "ORDER_NEWEST_FIRST",
            Self::OldestFirst => "ORDER_OLDEST_FIRST",
        };
        serializer.serialize_str(variant)
    }
}
impl<'de> serde::Deserialize<'de> for Order {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "ORDER_UNSPECIFIED",
            "ORDER_NEWEST_FIRST",
            "ORDER_OLDEST_FIRST",
        ];

        struct GeneratedVisitor;

        impl serde::de::Visitor<'_> for GeneratedVisitor {
            type Value = Order;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(formatter, "expected one of: {:?}", &FIELDS)
            }

            fn visit_i64<E>(self, v: i64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Signed(v), &self)
                    })
            }

            fn visit_u64<E>(self, v: u64) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                i32::try_from(v)
                    .ok()
                    .and_then(|x| x.try_into().ok())
                    .ok_or_else(|| {
                        serde::de::Error::invalid_value(serde::de::Unexpected::Unsigned(v), &self)
                    })
            }

            fn visit_str<E>(self, value: &str) -> std::result::Result<Self::Value, E>
            where
                E: serde::de::Error,
            {
                match value {
                    "ORDER_UNSPECIFIED" => Ok(Order::Unspecified),
                    "ORDER_NEWEST_FIRST" => Ok(Order::NewestFirst),
                    "ORDER_OLDEST_FIRST" => Ok(Order::OldestFirst),
                    _ => Err(serde::de::Error::unknown_variant(value, FIELDS)),
                }
            }
        }
        deserializer.deserialize_any(GeneratedVisitor)
    }
}
impl serde::Serialize for RecordEventRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.event_type.is_empty() {
            len += 1;
        }
        if self.agent_id.is_some() {
            len += 1;
        }
        if self.task_id.is_some() {
            len += 1;
        }
        if !self.description.is_empty() {
            len += 1;
        }
        if !self.data.is_empty() {
            len += 1;
        }
        if self.importance.is_some() {
            len += 1;
        }
        if self.id.is_some() {
            len += 1;
        }
        if self.condition.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.RecordEventRequest", len)?;
        if !self.event_type.is_empty() {
            struct_ser.serialize_field("event_type", &self.event_type)?;
        }
        if let Some(v) = self.agent_id.as_ref() {
            struct_ser.serialize_field("agent_id", v)?;
        }
        if let Some(v) = self.task_id.as_ref() {
            struct_ser.serialize_field("task_id", v)?;
        }
        if !self.description.is_empty() {
            struct_ser.serialize_field("description", &self.description)?;
        }
        if !self.data.is_empty() {
            struct_ser.serialize_field("data", &self.data)?;
        }
        if let Some(v) = self.importance.as_ref() {
            struct_ser.serialize_field("importance", v)?;
        }
        if let Some(v) = self.id.as_ref() {
            struct_ser.serialize_field("id", v)?;
        }
        if let Some(v) = self.condition.as_ref() {
            struct_ser.serialize_field("condition", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RecordEventRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "event_type",
            "eventType",
            "agent_id",
            "agentId",
            "task_id",
            "taskId",
            "description",
            "data",
            "importance",
            "id",
            "condition",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            EventType,
            AgentId,
            TaskId,
            Description,
            Data,
            Importance,
            Id,
            Condition,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "eventType" | "event_type" => Ok(GeneratedField::EventType),
                            "agentId" | "agent_id" => Ok(GeneratedField::AgentId),
                            "taskId" | "task_id" => Ok(GeneratedField::TaskId),
                            "description" => Ok(GeneratedField::Description),
                            "data" => Ok(GeneratedField::Data),
                            "importance" => Ok(GeneratedField::Importance),
                            "id" => Ok(GeneratedField::Id),
                            "condition" => Ok(GeneratedField::Condition),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RecordEventRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.RecordEventRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RecordEventRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut event_type__ = None;
                let mut agent_id__ = None;
                let mut task_id__ = None;
                let mut description__ = None;
                let mut data__ = None;
                let mut importance__ = None;
                let mut id__ = None;
                let mut condition__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::EventType => {
                            if event_type__.is_some() {
                                return Err(serde::de::Error::duplicate_field("eventType"));
                            }
                            event_type__ = Some(map_.next_value()?);
                        }
                        GeneratedField::AgentId => {
                            if agent_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("agentId"));
                            }
                            agent_id__ = map_.next_value()?;
                        }
                        GeneratedField::TaskId => {
                            if task_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskId"));
                            }
                            task_id__ = map_.next_value()?;
                        }
                        GeneratedField::Description => {
                            if description__.is_some() {
                                return Err(serde::de::Error::duplicate_field("description"));
                            }
                            description__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Data => {
                            if data__.is_some() {
                                return Err(serde::de::Error::duplicate_field("data"));
                            }
                            data__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Importance => {
                            if importance__.is_some() {
                                return Err(serde::de::Error::duplicate_field("importance"));
                            }
                            importance__ = 
                                map_.next_value::<::std::option::Option<::pbjson::private::NumberDeserialize<_>>>()?.map(|x| x.0)
                            ;
                        }
                        GeneratedField::Id => {
                            if id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("id"));
                            }
                            id__ = map_.next_value()?;
                        }
                        GeneratedField::Condition => {
                            if condition__.is_some() {
                                return Err(serde::de::Error::duplicate_field("condition"));
                            }
                            condition__ = map_.next_value()?;
                        }
                    }
                }
                Ok(RecordEventRequest {
                    event_type: event_type__.unwrap_or_default(),
                    agent_id: agent_id__,
                    task_id: task_id__,
                    description: description__.unwrap_or_default(),
                    data: data__.unwrap_or_default(),
                    importance: importance__,
                    id: id__,
                    condition: condition__,
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.RecordEventRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RecordEventResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.event.is_some() {
            len += 1;
        }
        if self.duplicate {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.RecordEventResponse", len)?;
        if let Some(v) = self.event.as_ref() {
            struct_ser.serialize_field("event", v)?;
        }
        if self.duplicate {
            struct_ser.serialize_field("duplicate", &self.duplicate)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RecordEventResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "event",
            "duplicate",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Event,
            Duplicate,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "event" => Ok(GeneratedField::Event),
                            "duplicate" => Ok(GeneratedField::Duplicate),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RecordEventResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.RecordEventResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RecordEventResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut event__ = None;
                let mut duplicate__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Event => {
                            if event__.is_some() {
                                return Err(serde::de::Error::duplicate_field("event"));
                            }
                            event__ = map_.next_value()?;
                        }
                        GeneratedField::Duplicate => {
                            if duplicate__.is_some() {
                                return Err(serde::de::Error::duplicate_field("duplicate"));
                            }
                            duplicate__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(RecordEventResponse {
                    event: event__,
                    duplicate: duplicate__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.RecordEventResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RecordEventsRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.events.is_empty() {
            len += 1;
        }
        if self.condition.is_some() {
            len += 1;
        }
        if self.echo != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.RecordEventsRequest", len)?;
        if !self.events.is_empty() {
            struct_ser.serialize_field("events", &self.events)?;
        }
        if let Some(v) = self.condition.as_ref() {
            struct_ser.serialize_field("condition", v)?;
        }
        if self.echo != 0 {
            let v = BatchEcho::try_from(self.echo)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.echo)))?;
            struct_ser.serialize_field("echo", &v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RecordEventsRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "events",
            "condition",
            "echo",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Events,
            Condition,
            Echo,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "events" => Ok(GeneratedField::Events),
                            "condition" => Ok(GeneratedField::Condition),
                            "echo" => Ok(GeneratedField::Echo),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RecordEventsRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.RecordEventsRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RecordEventsRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut events__ = None;
                let mut condition__ = None;
                let mut echo__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Events => {
                            if events__.is_some() {
                                return Err(serde::de::Error::duplicate_field("events"));
                            }
                            events__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Condition => {
                            if condition__.is_some() {
                                return Err(serde::de::Error::duplicate_field("condition"));
                            }
                            condition__ = map_.next_value()?;
                        }
                        GeneratedField::Echo => {
                            if echo__.is_some() {
                                return Err(serde::de::Error::duplicate_field("echo"));
                            }
                            echo__ = Some(map_.next_value::<BatchEcho>()? as i32);
                        }
                    }
                }
                Ok(RecordEventsRequest {
                    events: events__.unwrap_or_default(),
                    condition: condition__,
                    echo: echo__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.RecordEventsRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for RecordEventsResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.events.is_empty() {
            len += 1;
        }
        if !self.acks.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.RecordEventsResponse", len)?;
        if !self.events.is_empty() {
            struct_ser.serialize_field("events", &self.events)?;
        }
        if !self.acks.is_empty() {
            struct_ser.serialize_field("acks", &self.acks)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for RecordEventsResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "events",
            "acks",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Events,
            Acks,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "events" => Ok(GeneratedField::Events),
                            "acks" => Ok(GeneratedField::Acks),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = RecordEventsResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.RecordEventsResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<RecordEventsResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut events__ = None;
                let mut acks__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Events => {
                            if events__.is_some() {
                                return Err(serde::de::Error::duplicate_field("events"));
                            }
                            events__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Acks => {
                            if acks__.is_some() {
                                return Err(serde::de::Error::duplicate_field("acks"));
                            }
                            acks__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(RecordEventsResponse {
                    events: events__.unwrap_or_default(),
                    acks: acks__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.RecordEventsResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for SearchEventsRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.query.is_empty() {
            len += 1;
        }
        if self.event_type.is_some() {
            len += 1;
        }
        if self.agent_id.is_some() {
            len += 1;
        }
        if self.task_id.is_some() {
            len += 1;
        }
        if self.min_importance != 0. {
            len += 1;
        }
        if self.since.is_some() {
            len += 1;
        }
        if self.until.is_some() {
            len += 1;
        }
        if self.limit != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.SearchEventsRequest", len)?;
        if !self.query.is_empty() {
            struct_ser.serialize_field("query", &self.query)?;
        }
        if let Some(v) = self.event_type.as_ref() {
            struct_ser.serialize_field("event_type", v)?;
        }
        if let Some(v) = self.agent_id.as_ref() {
            struct_ser.serialize_field("agent_id", v)?;
        }
        if let Some(v) = self.task_id.as_ref() {
            struct_ser.serialize_field("task_id", v)?;
        }
        if self.min_importance != 0. {
            struct_ser.serialize_field("min_importance", &self.min_importance)?;
        }
        if let Some(v) = self.since.as_ref() {
            struct_ser.serialize_field("since", v)?;
        }
        if let Some(v) = self.until.as_ref() {
            struct_ser.serialize_field("until", v)?;
        }
        if self.limit != 0 {
            struct_ser.serialize_field("limit", &self.limit)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for SearchEventsRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "query",
            "event_type",
            "eventType",
            "agent_id",
            "agentId",
            "task_id",
            "taskId",
            "min_importance",
            "minImportance",
            "since",
            "until",
            "limit",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Query,
            EventType,
            AgentId,
            TaskId,
            MinImportance,
            Since,
            Until,
            Limit,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "query" => Ok(GeneratedField::Query),
                            "eventType" | "event_type" => Ok(GeneratedField::EventType),
                            "agentId" | "agent_id" => Ok(GeneratedField::AgentId),
                            "taskId" | "task_id" => Ok(GeneratedField::TaskId),
                            "minImportance" | "min_importance" => Ok(GeneratedField::MinImportance),
                            "since" => Ok(GeneratedField::Since),
                            "until" => Ok(GeneratedField::Until),
                            "limit" => Ok(GeneratedField::Limit),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = SearchEventsRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.SearchEventsRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<SearchEventsRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut query__ = None;
                let mut event_type__ = None;
                let mut agent_id__ = None;
                let mut task_id__ = None;
                let mut min_importance__ = None;
                let mut since__ = None;
                let mut until__ = None;
                let mut limit__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Query => {
                            if query__.is_some() {
                                return Err(serde::de::Error::duplicate_field("query"));
                            }
                            query__ = Some(map_.next_value()?);
                        }
                        GeneratedField::EventType => {
                            if event_type__.is_some() {
                                return Err(serde::de::Error::duplicate_field("eventType"));
                            }
                            event_type__ = map_.next_value()?;
                        }
                        GeneratedField::AgentId => {
                            if agent_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("agentId"));
                            }
                            agent_id__ = map_.next_value()?;
                        }
                        GeneratedField::TaskId => {
                            if task_id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("taskId"));
                            }
                            task_id__ = map_.next_value()?;
                        }
                        GeneratedField::MinImportance => {
                            if min_importance__.is_some() {
                                return Err(serde::de::Error::duplicate_field("minImportance"));
                            }
                            min_importance__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::Since => {
                            if since__.is_some() {
                                return Err(serde::de::Error::duplicate_field("since"));
                            }
                            since__ = map_.next_value()?;
                        }
                        GeneratedField::Until => {
                            if until__.is_some() {
                                return Err(serde::de::Error::duplicate_field("until"));
                            }
                            until__ = map_.next_value()?;
                        }
                        GeneratedField::Limit => {
                            if limit__.is_some() {
                                return Err(serde::de::Error::duplicate_field("limit"));
                            }
                            limit__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(SearchEventsRequest {
                    query: query__.unwrap_or_default(),
                    event_type: event_type__,
                    agent_id: agent_id__,
                    task_id: task_id__,
                    min_importance: min_importance__.unwrap_or_default(),
                    since: since__,
                    until: until__,
                    limit: limit__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.SearchEventsRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for SearchEventsResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.hits.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.SearchEventsResponse", len)?;
        if !self.hits.is_empty() {
            struct_ser.serialize_field("hits", &self.hits)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for SearchEventsResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "hits",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Hits,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "hits" => Ok(GeneratedField::Hits),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = SearchEventsResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.SearchEventsResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<SearchEventsResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut hits__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Hits => {
                            if hits__.is_some() {
                                return Err(serde::de::Error::duplicate_field("hits"));
                            }
                            hits__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(SearchEventsResponse {
                    hits: hits__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.SearchEventsResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for SearchMemoriesRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.query.is_empty() {
            len += 1;
        }
        if !self.subject.is_empty() {
            len += 1;
        }
        if !self.memory_type.is_empty() {
            len += 1;
        }
        if self.limit != 0 {
            len += 1;
        }
        if self.include_expired {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.SearchMemoriesRequest", len)?;
        if !self.query.is_empty() {
            struct_ser.serialize_field("query", &self.query)?;
        }
        if !self.subject.is_empty() {
            struct_ser.serialize_field("subject", &self.subject)?;
        }
        if !self.memory_type.is_empty() {
            struct_ser.serialize_field("memory_type", &self.memory_type)?;
        }
        if self.limit != 0 {
            struct_ser.serialize_field("limit", &self.limit)?;
        }
        if self.include_expired {
            struct_ser.serialize_field("include_expired", &self.include_expired)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for SearchMemoriesRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "query",
            "subject",
            "memory_type",
            "memoryType",
            "limit",
            "include_expired",
            "includeExpired",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Query,
            Subject,
            MemoryType,
            Limit,
            IncludeExpired,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "query" => Ok(GeneratedField::Query),
                            "subject" => Ok(GeneratedField::Subject),
                            "memoryType" | "memory_type" => Ok(GeneratedField::MemoryType),
                            "limit" => Ok(GeneratedField::Limit),
                            "includeExpired" | "include_expired" => Ok(GeneratedField::IncludeExpired),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = SearchMemoriesRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.SearchMemoriesRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<SearchMemoriesRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut query__ = None;
                let mut subject__ = None;
                let mut memory_type__ = None;
                let mut limit__ = None;
                let mut include_expired__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Query => {
                            if query__.is_some() {
                                return Err(serde::de::Error::duplicate_field("query"));
                            }
                            query__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Subject => {
                            if subject__.is_some() {
                                return Err(serde::de::Error::duplicate_field("subject"));
                            }
                            subject__ = Some(map_.next_value()?);
                        }
                        GeneratedField::MemoryType => {
                            if memory_type__.is_some() {
                                return Err(serde::de::Error::duplicate_field("memoryType"));
                            }
                            memory_type__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Limit => {
                            if limit__.is_some() {
                                return Err(serde::de::Error::duplicate_field("limit"));
                            }
                            limit__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::IncludeExpired => {
                            if include_expired__.is_some() {
                                return Err(serde::de::Error::duplicate_field("includeExpired"));
                            }
                            include_expired__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(SearchMemoriesRequest {
                    query: query__.unwrap_or_default(),
                    subject: subject__.unwrap_or_default(),
                    memory_type: memory_type__.unwrap_or_default(),
                    limit: limit__.unwrap_or_default(),
                    include_expired: include_expired__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.SearchMemoriesRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for SearchMemoriesResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.hits.is_empty() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.SearchMemoriesResponse", len)?;
        if !self.hits.is_empty() {
            struct_ser.serialize_field("hits", &self.hits)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for SearchMemoriesResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "hits",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Hits,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "hits" => Ok(GeneratedField::Hits),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = SearchMemoriesResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.SearchMemoriesResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<SearchMemoriesResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut hits__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Hits => {
                            if hits__.is_some() {
                                return Err(serde::de::Error::duplicate_field("hits"));
                            }
                            hits__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(SearchMemoriesResponse {
                    hits: hits__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.SearchMemoriesResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for StoreMemoryRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.memory_type.is_empty() {
            len += 1;
        }
        if !self.subject.is_empty() {
            len += 1;
        }
        if !self.content.is_empty() {
            len += 1;
        }
        if self.confidence.is_some() {
            len += 1;
        }
        if self.source_events != 0 {
            len += 1;
        }
        if self.expires_at.is_some() {
            len += 1;
        }
        if self.id.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.StoreMemoryRequest", len)?;
        if !self.memory_type.is_empty() {
            struct_ser.serialize_field("memory_type", &self.memory_type)?;
        }
        if !self.subject.is_empty() {
            struct_ser.serialize_field("subject", &self.subject)?;
        }
        if !self.content.is_empty() {
            struct_ser.serialize_field("content", &self.content)?;
        }
        if let Some(v) = self.confidence.as_ref() {
            struct_ser.serialize_field("confidence", v)?;
        }
        if self.source_events != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("source_events", ToString::to_string(&self.source_events).as_str())?;
        }
        if let Some(v) = self.expires_at.as_ref() {
            struct_ser.serialize_field("expires_at", v)?;
        }
        if let Some(v) = self.id.as_ref() {
            struct_ser.serialize_field("id", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for StoreMemoryRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "memory_type",
            "memoryType",
            "subject",
            "content",
            "confidence",
            "source_events",
            "sourceEvents",
            "expires_at",
            "expiresAt",
            "id",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            MemoryType,
            Subject,
            Content,
            Confidence,
            SourceEvents,
            ExpiresAt,
            Id,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "memoryType" | "memory_type" => Ok(GeneratedField::MemoryType),
                            "subject" => Ok(GeneratedField::Subject),
                            "content" => Ok(GeneratedField::Content),
                            "confidence" => Ok(GeneratedField::Confidence),
                            "sourceEvents" | "source_events" => Ok(GeneratedField::SourceEvents),
                            "expiresAt" | "expires_at" => Ok(GeneratedField::ExpiresAt),
                            "id" => Ok(GeneratedField::Id),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = StoreMemoryRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.StoreMemoryRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<StoreMemoryRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut memory_type__ = None;
                let mut subject__ = None;
                let mut content__ = None;
                let mut confidence__ = None;
                let mut source_events__ = None;
                let mut expires_at__ = None;
                let mut id__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::MemoryType => {
                            if memory_type__.is_some() {
                                return Err(serde::de::Error::duplicate_field("memoryType"));
                            }
                            memory_type__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Subject => {
                            if subject__.is_some() {
                                return Err(serde::de::Error::duplicate_field("subject"));
                            }
                            subject__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Content => {
                            if content__.is_some() {
                                return Err(serde::de::Error::duplicate_field("content"));
                            }
                            content__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Confidence => {
                            if confidence__.is_some() {
                                return Err(serde::de::Error::duplicate_field("confidence"));
                            }
                            confidence__ = 
                                map_.next_value::<::std::option::Option<::pbjson::private::NumberDeserialize<_>>>()?.map(|x| x.0)
                            ;
                        }
                        GeneratedField::SourceEvents => {
                            if source_events__.is_some() {
                                return Err(serde::de::Error::duplicate_field("sourceEvents"));
                            }
                            source_events__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                        GeneratedField::ExpiresAt => {
                            if expires_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("expiresAt"));
                            }
                            expires_at__ = map_.next_value()?;
                        }
                        GeneratedField::Id => {
                            if id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("id"));
                            }
                            id__ = map_.next_value()?;
                        }
                    }
                }
                Ok(StoreMemoryRequest {
                    memory_type: memory_type__.unwrap_or_default(),
                    subject: subject__.unwrap_or_default(),
                    content: content__.unwrap_or_default(),
                    confidence: confidence__,
                    source_events: source_events__.unwrap_or_default(),
                    expires_at: expires_at__,
                    id: id__,
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.StoreMemoryRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for StoreMemoryResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.memory.is_some() {
            len += 1;
        }
        if self.duplicate {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.StoreMemoryResponse", len)?;
        if let Some(v) = self.memory.as_ref() {
            struct_ser.serialize_field("memory", v)?;
        }
        if self.duplicate {
            struct_ser.serialize_field("duplicate", &self.duplicate)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for StoreMemoryResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "memory",
            "duplicate",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Memory,
            Duplicate,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "memory" => Ok(GeneratedField::Memory),
                            "duplicate" => Ok(GeneratedField::Duplicate),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = StoreMemoryResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.StoreMemoryResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<StoreMemoryResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut memory__ = None;
                let mut duplicate__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Memory => {
                            if memory__.is_some() {
                                return Err(serde::de::Error::duplicate_field("memory"));
                            }
                            memory__ = map_.next_value()?;
                        }
                        GeneratedField::Duplicate => {
                            if duplicate__.is_some() {
                                return Err(serde::de::Error::duplicate_field("duplicate"));
                            }
                            duplicate__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(StoreMemoryResponse {
                    memory: memory__,
                    duplicate: duplicate__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.StoreMemoryResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for UpdateMemoryRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if !self.id.is_empty() {
            len += 1;
        }
        if self.content.is_some() {
            len += 1;
        }
        if self.confidence.is_some() {
            len += 1;
        }
        if self.expires_at.is_some() {
            len += 1;
        }
        if self.clear_expires_at {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.UpdateMemoryRequest", len)?;
        if !self.id.is_empty() {
            struct_ser.serialize_field("id", &self.id)?;
        }
        if let Some(v) = self.content.as_ref() {
            struct_ser.serialize_field("content", v)?;
        }
        if let Some(v) = self.confidence.as_ref() {
            struct_ser.serialize_field("confidence", v)?;
        }
        if let Some(v) = self.expires_at.as_ref() {
            struct_ser.serialize_field("expires_at", v)?;
        }
        if self.clear_expires_at {
            struct_ser.serialize_field("clear_expires_at", &self.clear_expires_at)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for UpdateMemoryRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "id",
            "content",
            "confidence",
            "expires_at",
            "expiresAt",
            "clear_expires_at",
            "clearExpiresAt",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Id,
            Content,
            Confidence,
            ExpiresAt,
            ClearExpiresAt,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "id" => Ok(GeneratedField::Id),
                            "content" => Ok(GeneratedField::Content),
                            "confidence" => Ok(GeneratedField::Confidence),
                            "expiresAt" | "expires_at" => Ok(GeneratedField::ExpiresAt),
                            "clearExpiresAt" | "clear_expires_at" => Ok(GeneratedField::ClearExpiresAt),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = UpdateMemoryRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.UpdateMemoryRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<UpdateMemoryRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut id__ = None;
                let mut content__ = None;
                let mut confidence__ = None;
                let mut expires_at__ = None;
                let mut clear_expires_at__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Id => {
                            if id__.is_some() {
                                return Err(serde::de::Error::duplicate_field("id"));
                            }
                            id__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Content => {
                            if content__.is_some() {
                                return Err(serde::de::Error::duplicate_field("content"));
                            }
                            content__ = map_.next_value()?;
                        }
                        GeneratedField::Confidence => {
                            if confidence__.is_some() {
                                return Err(serde::de::Error::duplicate_field("confidence"));
                            }
                            confidence__ = 
                                map_.next_value::<::std::option::Option<::pbjson::private::NumberDeserialize<_>>>()?.map(|x| x.0)
                            ;
                        }
                        GeneratedField::ExpiresAt => {
                            if expires_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("expiresAt"));
                            }
                            expires_at__ = map_.next_value()?;
                        }
                        GeneratedField::ClearExpiresAt => {
                            if clear_expires_at__.is_some() {
                                return Err(serde::de::Error::duplicate_field("clearExpiresAt"));
                            }
                            clear_expires_at__ = Some(map_.next_value()?);
                        }
                    }
                }
                Ok(UpdateMemoryRequest {
                    id: id__.unwrap_or_default(),
                    content: content__,
                    confidence: confidence__,
                    expires_at: expires_at__,
                    clear_expires_at: clear_expires_at__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.UpdateMemoryRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for UpdateMemoryResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.memory.is_some() {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.UpdateMemoryResponse", len)?;
        if let Some(v) = self.memory.as_ref() {
            struct_ser.serialize_field("memory", v)?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for UpdateMemoryResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "memory",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Memory,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "memory" => Ok(GeneratedField::Memory),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = UpdateMemoryResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.UpdateMemoryResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<UpdateMemoryResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut memory__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Memory => {
                            if memory__.is_some() {
                                return Err(serde::de::Error::duplicate_field("memory"));
                            }
                            memory__ = map_.next_value()?;
                        }
                    }
                }
                Ok(UpdateMemoryResponse {
                    memory: memory__,
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.UpdateMemoryResponse", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for WatchMemoriesRequest {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.memory_type.is_some() {
            len += 1;
        }
        if self.subject.is_some() {
            len += 1;
        }
        if self.include_existing {
            len += 1;
        }
        if self.after_sequence != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.WatchMemoriesRequest", len)?;
        if let Some(v) = self.memory_type.as_ref() {
            struct_ser.serialize_field("memory_type", v)?;
        }
        if let Some(v) = self.subject.as_ref() {
            struct_ser.serialize_field("subject", v)?;
        }
        if self.include_existing {
            struct_ser.serialize_field("include_existing", &self.include_existing)?;
        }
        if self.after_sequence != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("after_sequence", ToString::to_string(&self.after_sequence).as_str())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for WatchMemoriesRequest {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "memory_type",
            "memoryType",
            "subject",
            "include_existing",
            "includeExisting",
            "after_sequence",
            "afterSequence",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            MemoryType,
            Subject,
            IncludeExisting,
            AfterSequence,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "memoryType" | "memory_type" => Ok(GeneratedField::MemoryType),
                            "subject" => Ok(GeneratedField::Subject),
                            "includeExisting" | "include_existing" => Ok(GeneratedField::IncludeExisting),
                            "afterSequence" | "after_sequence" => Ok(GeneratedField::AfterSequence),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = WatchMemoriesRequest;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.WatchMemoriesRequest")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<WatchMemoriesRequest, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut memory_type__ = None;
                let mut subject__ = None;
                let mut include_existing__ = None;
                let mut after_sequence__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::MemoryType => {
                            if memory_type__.is_some() {
                                return Err(serde::de::Error::duplicate_field("memoryType"));
                            }
                            memory_type__ = map_.next_value()?;
                        }
                        GeneratedField::Subject => {
                            if subject__.is_some() {
                                return Err(serde::de::Error::duplicate_field("subject"));
                            }
                            subject__ = map_.next_value()?;
                        }
                        GeneratedField::IncludeExisting => {
                            if include_existing__.is_some() {
                                return Err(serde::de::Error::duplicate_field("includeExisting"));
                            }
                            include_existing__ = Some(map_.next_value()?);
                        }
                        GeneratedField::AfterSequence => {
                            if after_sequence__.is_some() {
                                return Err(serde::de::Error::duplicate_field("afterSequence"));
                            }
                            after_sequence__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(WatchMemoriesRequest {
                    memory_type: memory_type__,
                    subject: subject__,
                    include_existing: include_existing__.unwrap_or_default(),
                    after_sequence: after_sequence__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.WatchMemoriesRequest", FIELDS, GeneratedVisitor)
    }
}
impl serde::Serialize for WatchMemoriesResponse {
    #[allow(deprecated)]
    fn serialize<S>(&self, serializer: S) -> std::result::Result<S::Ok, S::Error>
    where
        S: serde::Serializer,
    {
        use serde::ser::SerializeStruct;
        let mut len = 0;
        if self.kind != 0 {
            len += 1;
        }
        if self.memory.is_some() {
            len += 1;
        }
        if self.caught_up {
            len += 1;
        }
        if self.sequence != 0 {
            len += 1;
        }
        let mut struct_ser = serializer.serialize_struct("spark.v1.WatchMemoriesResponse", len)?;
        if self.kind != 0 {
            let v = MemoryChangeKind::try_from(self.kind)
                .map_err(|_| serde::ser::Error::custom(format!("Invalid variant {}", self.kind)))?;
            struct_ser.serialize_field("kind", &v)?;
        }
        if let Some(v) = self.memory.as_ref() {
            struct_ser.serialize_field("memory", v)?;
        }
        if self.caught_up {
            struct_ser.serialize_field("caught_up", &self.caught_up)?;
        }
        if self.sequence != 0 {
            #[allow(clippy::needless_borrow)]
            #[allow(clippy::needless_borrows_for_generic_args)]
            struct_ser.serialize_field("sequence", ToString::to_string(&self.sequence).as_str())?;
        }
        struct_ser.end()
    }
}
impl<'de> serde::Deserialize<'de> for WatchMemoriesResponse {
    #[allow(deprecated)]
    fn deserialize<D>(deserializer: D) -> std::result::Result<Self, D::Error>
    where
        D: serde::Deserializer<'de>,
    {
        const FIELDS: &[&str] = &[
            "kind",
            "memory",
            "caught_up",
            "caughtUp",
            "sequence",
        ];

        #[allow(clippy::enum_variant_names)]
        enum GeneratedField {
            Kind,
            Memory,
            CaughtUp,
            Sequence,
        }
        impl<'de> serde::Deserialize<'de> for GeneratedField {
            fn deserialize<D>(deserializer: D) -> std::result::Result<GeneratedField, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct GeneratedVisitor;

                impl serde::de::Visitor<'_> for GeneratedVisitor {
                    type Value = GeneratedField;

                    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                        write!(formatter, "expected one of: {:?}", &FIELDS)
                    }

                    #[allow(unused_variables)]
                    fn visit_str<E>(self, value: &str) -> std::result::Result<GeneratedField, E>
                    where
                        E: serde::de::Error,
                    {
                        match value {
                            "kind" => Ok(GeneratedField::Kind),
                            "memory" => Ok(GeneratedField::Memory),
                            "caughtUp" | "caught_up" => Ok(GeneratedField::CaughtUp),
                            "sequence" => Ok(GeneratedField::Sequence),
                            _ => Err(serde::de::Error::unknown_field(value, FIELDS)),
                        }
                    }
                }
                deserializer.deserialize_identifier(GeneratedVisitor)
            }
        }
        struct GeneratedVisitor;
        impl<'de> serde::de::Visitor<'de> for GeneratedVisitor {
            type Value = WatchMemoriesResponse;

            fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                formatter.write_str("struct spark.v1.WatchMemoriesResponse")
            }

            fn visit_map<V>(self, mut map_: V) -> std::result::Result<WatchMemoriesResponse, V::Error>
                where
                    V: serde::de::MapAccess<'de>,
            {
                let mut kind__ = None;
                let mut memory__ = None;
                let mut caught_up__ = None;
                let mut sequence__ = None;
                while let Some(k) = map_.next_key()? {
                    match k {
                        GeneratedField::Kind => {
                            if kind__.is_some() {
                                return Err(serde::de::Error::duplicate_field("kind"));
                            }
                            kind__ = Some(map_.next_value::<MemoryChangeKind>()? as i32);
                        }
                        GeneratedField::Memory => {
                            if memory__.is_some() {
                                return Err(serde::de::Error::duplicate_field("memory"));
                            }
                            memory__ = map_.next_value()?;
                        }
                        GeneratedField::CaughtUp => {
                            if caught_up__.is_some() {
                                return Err(serde::de::Error::duplicate_field("caughtUp"));
                            }
                            caught_up__ = Some(map_.next_value()?);
                        }
                        GeneratedField::Sequence => {
                            if sequence__.is_some() {
                                return Err(serde::de::Error::duplicate_field("sequence"));
                            }
                            sequence__ = 
                                Some(map_.next_value::<::pbjson::private::NumberDeserialize<_>>()?.0)
                            ;
                        }
                    }
                }
                Ok(WatchMemoriesResponse {
                    kind: kind__.unwrap_or_default(),
                    memory: memory__,
                    caught_up: caught_up__.unwrap_or_default(),
                    sequence: sequence__.unwrap_or_default(),
                })
            }
        }
        deserializer.deserialize_struct("spark.v1.WatchMemoriesResponse", FIELDS, GeneratedVisitor)
    }
}
